import { InvalidQueryError } from '../errors.js';
import { jsonDepthExcess } from '../util/json-depth.js';
import type { JsonValue, SortKey } from './types.js';

/** The longest cursor accepted (and produced). */
export const MAX_CURSOR_LENGTH = 4096;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function sortFingerprint(sort: SortKey[]): string {
  return sort.map((key) => (key.direction === 'desc' ? `-${key.field}` : key.field)).join(',');
}

function invalid(message: string): InvalidQueryError {
  return new InvalidQueryError(`cursor: ${message}`, { details: { field: 'cursor', rule: 'cursor' } });
}

/**
 * Encodes the sort values of a page's last row as an opaque cursor (base64url JSON with a
 * fingerprint of the sort, so it cannot be replayed with another sort).
 *
 * @throws InvalidQueryError when the cursor would exceed 4096 characters (very long sort values).
 */
export function encodeCursor(values: JsonValue[], sort: SortKey[]): string {
  const cursor = Buffer.from(JSON.stringify({ s: sortFingerprint(sort), v: values }), 'utf8').toString(
    'base64url',
  );
  if (cursor.length > MAX_CURSOR_LENGTH) {
    throw invalid(
      `the sort values of the last row are too long for a cursor (${cursor.length} > ${MAX_CURSOR_LENGTH} characters); sort by shorter fields`,
    );
  }
  return cursor;
}

/**
 * Decodes a cursor made by {@link encodeCursor} for the same sort back into sort values.
 *
 * @throws InvalidQueryError when the cursor is malformed (sort values nested deeper than a
 *   record may hold included), too long, or made for another sort.
 */
export function decodeCursor(cursor: string, sort: SortKey[]): JsonValue[] {
  if (typeof cursor !== 'string' || cursor.length === 0) throw invalid('must be a non-empty string');
  if (cursor.length > MAX_CURSOR_LENGTH) throw invalid(`is longer than ${MAX_CURSOR_LENGTH} characters`);
  if (!BASE64URL.test(cursor))
    throw invalid('is malformed; pass the nextCursor of the previous page unchanged');
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('is malformed; pass the nextCursor of the previous page unchanged');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw invalid('is malformed; pass the nextCursor of the previous page unchanged');
  }
  const { s, v } = payload as { s?: unknown; v?: unknown };
  // `v` stands where a record would (level 1), so its values nest no deeper than a field's can;
  // deeper ones cannot come from a stored record, and the comparisons would walk them recursively.
  if (typeof s !== 'string' || !Array.isArray(v) || jsonDepthExcess(v)) {
    throw invalid('is malformed; pass the nextCursor of the previous page unchanged');
  }
  const expected = sortFingerprint(sort);
  if (s !== expected) {
    throw invalid(`was made for sort '${s}', not '${expected}'; use the same sort for every page`);
  }
  if (v.length !== sort.length) {
    throw invalid(`holds ${v.length} sort value(s) but the sort has ${sort.length} key(s)`);
  }
  return v as JsonValue[];
}
