import { assertJsonTextDepth, type FindQuery, RapportError, ValidationError } from '@rapport/core';
import type { Context } from 'hono';

/** Reads a JSON body; 415 for another media type, 400 for malformed or too deeply nested JSON. */
export async function jsonBody(c: Context): Promise<unknown> {
  const type = mediaType(c);
  if (type !== 'application/json') {
    throw new RapportError(
      'UNSUPPORTED_MEDIA_TYPE',
      `send the body as application/json (got '${type || 'none'}')`,
    );
  }
  const text = await c.req.text();
  assertJsonTextDepth(text, { what: 'the body' });
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new RapportError('BAD_REQUEST', `the body is not valid JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/** The request's media type, lower-case, without parameters. */
export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** An optional positive integer query parameter; a 400 naming it when it is not one. */
export function intParam(c: Context, name: string): number | undefined {
  const text = c.req.query(name);
  if (text === undefined) return undefined;
  if (!/^\d{1,6}$/.test(text)) {
    throw new ValidationError(`invalid query: ${name} must be a positive integer`, [
      { path: name, rule: 'type', message: 'must be a positive integer' },
    ]);
  }
  return Number(text);
}

/** `limit`, `cursor`, `sort` and `fields` of a list request (comma-separated lists). */
export function pageParams(c: Context): Omit<FindQuery, 'where'> {
  const limit = intParam(c, 'limit');
  const cursor = c.req.query('cursor');
  const sort = c.req.query('sort');
  const fields = c.req.query('fields');
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(cursor ? { cursor } : {}),
    ...(sort ? { sort: sort.split(',').filter(Boolean) } : {}),
    ...(fields ? { fields: fields.split(',').filter(Boolean) } : {}),
  };
}
