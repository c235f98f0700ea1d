import { assertJsonTextDepth, RapportError } from '@rapport/core';
import type { Context } from 'hono';
import type { ReportFilters } from '../reports/report-query.js';

/**
 * Reads a JSON body (an empty body is `{}`); 415 for another media type, 400 for malformed or
 * too deeply nested JSON.
 */
export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json') {
    throw new RapportError(
      'UNSUPPORTED_MEDIA_TYPE',
      `send the body as application/json (got '${type || 'none'}')`,
    );
  }
  assertJsonTextDepth(text, { what: 'the body' });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new RapportError('BAD_REQUEST', `the body is not valid JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RapportError('BAD_REQUEST', 'the body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/** The report filters of the query string (`pipeline`, `from`, `to`, `ownerId`, `currency`). */
export function reportFilters(c: Context): ReportFilters {
  const filters: ReportFilters = {};
  for (const key of ['pipeline', 'from', 'to', 'ownerId', 'currency'] as const) {
    const value = c.req.query(key);
    if (value !== undefined && value !== '') filters[key] = value;
  }
  return filters;
}
