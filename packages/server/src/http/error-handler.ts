import { RapportError, ValidationError } from '@rapport/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { RapportEnv } from './env.js';
import { HttpProblem, problemOf, STATUS_BY_CODE, sendProblem } from './problem.js';

/**
 * Error details safe and useful to show callers, answered as the problem's `details` member.
 * A conflict's details are its one documented shape (`kind`, `entity`, `id`, `fields`, `field`,
 * `value`, `existingId`, `expected`, `actual`, and a state conflict's facts); other errors show
 * only these keys. Store internals (`collection`, `conflictingId`) never leave the server.
 */
const PUBLIC_DETAILS = [
  'entity',
  'id',
  'field',
  'fields',
  'rule',
  'at',
  'action',
  'permission',
  'metric',
  'limit',
  'reason',
] as const;
const INTERNAL_DETAILS = new Set([
  'collection',
  'conflictingId',
  'expectedVersion',
  'actualVersion',
  'errors',
]);

/** The `details` member of a problem, or `undefined` when there is nothing to show. */
function publicDetails(error: RapportError): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  if (error.code === 'CONFLICT') {
    for (const [key, value] of Object.entries(error.details))
      if (!INTERNAL_DETAILS.has(key)) out[key] = value;
  } else {
    for (const key of PUBLIC_DETAILS) if (key in error.details) out[key] = error.details[key];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Turns any error into an RFC 9457 response. Rapport errors keep their code and sentence
 * (validation errors list each field); a version conflict on a request that sent `If-Match`
 * is 412; anything unexpected is a 500 with no internals, logged with the request id.
 */
export function handleError(error: Error, c: Context<RapportEnv>): Response {
  const requestId = c.get('requestId');
  const base = { instance: c.get('logPath') ?? c.req.path, ...(requestId ? { requestId } : {}) };
  if (error instanceof RapportError) {
    let status = (error as { status?: number }).status ?? STATUS_BY_CODE[error.code] ?? 400;
    let code = error.code;
    if (error.code === 'CONFLICT' && c.req.header('if-match') && error.details.kind === 'version') {
      status = 412;
      code = 'PRECONDITION_FAILED';
    }
    const extra: Record<string, unknown> =
      error instanceof ValidationError
        ? { errors: error.errors.map(({ path, message, rule }) => ({ path, message, rule })) }
        : {};
    const details = publicDetails(error);
    if (details) extra.details = details;
    if (status >= 500) c.get('logger')?.error({ err: error, requestId }, 'request failed');
    const headers: Record<string, string> = {
      ...(status === 401 ? { 'www-authenticate': 'Bearer realm="rapport"' } : {}),
      ...(error instanceof HttpProblem ? error.headers : {}),
    };
    return sendProblem(c, problemOf(status, code, error.message, { ...base, ...extra }), headers);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    return sendProblem(
      c,
      problemOf(
        status,
        status === 413 ? 'PAYLOAD_TOO_LARGE' : 'HTTP_ERROR',
        error.message || 'request refused',
        base,
      ),
    );
  }
  c.get('logger')?.error({ err: error, requestId }, 'unexpected error');
  return sendProblem(
    c,
    problemOf(500, 'INTERNAL', 'an unexpected error occurred; it was logged with this request id', base),
  );
}
