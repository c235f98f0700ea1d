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
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_ENTITY: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PRECONDITION_REQUIRED: 428,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  TIMEOUT: 503,
};

/** An error raised by the HTTP layer itself, with its own code and status. */
export class HttpProblem extends RapportError {
  readonly status: ContentfulStatusCode;

  constructor(
    code: string,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(code, message, options);
    this.status = STATUS_BY_CODE[code] ?? 400;
  }
}

/** Builds the problem document for a status, code and sentence. */
export function problemOf(
  status: number,
  code: string,
  detail: string,
  extra: Partial<Problem> = {},
): Problem {
  return {
    type: `https://rapport.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...extra,
  };
}

/** Sends a problem as `application/problem+json`. */
export function sendProblem(c: Context, problem: Problem, headers: Record<string, string> = {}): Response {
  return respond(c, JSON.stringify(problem), problem.status, {
    'content-type': 'application/problem+json',
    ...headers,
  });
}
