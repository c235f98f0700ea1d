import { HttpProblem } from './problem.js';

/** The ETag of a record version. */
export function etagOf(version: number): string {
  return `"v${version}"`;
}

/** Reads the version out of an `If-Match` value (`"v3"`, `W/"v3"`, `3`); `*` means any. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"?v?(\d+)"?$/.exec(header.trim());
  if (!match)
    throw new HttpProblem('BAD_REQUEST', `If-Match '${header}' is not an ETag this API issued (e.g. "v3")`);
  return Number(match[1]);
}

/** Does an `If-None-Match` header match the current version? */
export function ifNoneMatchHits(header: string | undefined, version: number): boolean {
  if (!header) return false;
  return header
    .split(',')
    .some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etagOf(version));
}
