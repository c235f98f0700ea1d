import { type FieldError, RapportError } from '@rapport/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { respond } from './response-headers.js';

/** An RFC 9457 problem document as Rapport sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Rapport's stable error code (`VALIDATION_FAILED`, `NOT_FOUND`, ...). */
  code: string;
  instance?: string;
  requestId?: string;
  /** Field errors, for validation problems. */
  errors?: Array<Pick<FieldError, 'path' | 'message' | 'rule'>>;
  /**
   * Structured facts: for every conflict `{ kind: 'unique' | 'version' | 'state', entity, ... }`
   * (see docs/api.md), for a 403 the `permission` missing.
   */
  details?: Record<string, unknown>;
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** HTTP status for each stable error code. */
export const STATUS_BY_CODE: Record<string, ContentfulStatusCode> = {
  VALIDATION_FAILED: 400,
  INVALID_QUERY: 400,
  INVALID: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  OIDC_FAILED: 401,
  FORBIDDEN: 403,
  FIELD_FORBIDDEN: 403,
  CSRF_FAILED: 403,
  SIGN_IN_REFUSED: 403,
  NOT_FOUND: 404,
  UNKNOWN_ENTITY: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_RESULT_UNAVAILABLE: 409,
  PRECONDITION_REQUIRED: 428,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  TIMEOUT: 503,
};

/** An error raised by the HTTP layer itself, with its own code and status. */
export class HttpProblem extends RapportError {
  readonly status: ContentfulStatusCode;
  /** Headers the answer carries beside the problem (`Retry-After`, a `Set-Cookie` that clears a session). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: string,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    const { headers, ...rest } = options;
    super(code, message, rest);
    this.status = STATUS_BY_CODE[code] ?? 400;
    this.headers = headers ?? {};
  }
}

/**
 * The longest texts and the most field errors a problem holds (the `Problem` schema states them):
 * longer texts, which may repeat what a caller sent, are cut and end in `…`.
 */
export const PROBLEM_LIMITS = {
  detail: 2_000,
  instance: 2_000,
  path: 500,
  message: 1_000,
  rule: 100,
  errors: 100,
} as const;

/** `text` cut to `max` characters, the last one `…` when it was longer. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Builds the problem document for a status, code and sentence, within {@link PROBLEM_LIMITS}. */
export function problemOf(
  status: number,
  code: string,
  detail: string,
  extra: Partial<Problem> = {},
): Problem {
  const problem: Problem = {
    type: `https://rapport.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail: clip(detail, PROBLEM_LIMITS.detail),
    code,
    ...extra,
  };
  if (problem.instance !== undefined) problem.instance = clip(problem.instance, PROBLEM_LIMITS.instance);
  if (problem.errors) {
    problem.errors = problem.errors.slice(0, PROBLEM_LIMITS.errors).map((error) => ({
      path: clip(error.path, PROBLEM_LIMITS.path),
      message: clip(error.message, PROBLEM_LIMITS.message),
      rule: clip(error.rule, PROBLEM_LIMITS.rule),
    }));
  }
  const field = problem.details?.field;
  if (typeof field === 'string' && problem.details) {
    problem.details = { ...problem.details, field: clip(field, PROBLEM_LIMITS.path) };
  }
  return problem;
}

/** Sends a problem as `application/problem+json`. */
export function sendProblem(c: Context, problem: Problem, headers: Record<string, string> = {}): Response {
  return respond(c, JSON.stringify(problem), problem.status, {
    'content-type': 'application/problem+json',
    ...headers,
  });
}
