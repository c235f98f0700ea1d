import { RapportError } from '@rapport/core';
import { UsageError } from '../errors.js';

/** Options of one {@link ApiClient.request}. */
export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
}

/** A response with its JSON body parsed. */
export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** An error answer of the server (RFC 9457 problem): its code, status and field errors are kept. */
export class RemoteError extends RapportError {
  readonly status: number;

  constructor(status: number, code: string, message: string, details: Record<string, unknown>) {
    super(code, message, { details: { ...details, status } });
    this.status = status;
  }
}

/** Times a request refused with 429 is sent again, after the `Retry-After` the server asked for. */
export const RATE_LIMIT_RETRIES = 5;
/** The longest `Retry-After` the client waits for; a longer one fails the request. */
export const MAX_RETRY_AFTER_SECONDS = 60;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A small client of a running Rapport server: JSON in and out, `Authorization: Bearer <key>`,
 * problem+json answers turned into {@link RemoteError}s, unreachable servers into one clear error.
 * A 429 (the key's rate limit; the server refused the request before doing anything) is sent
 * again after its `Retry-After`, up to {@link RATE_LIMIT_RETRIES} times, so a long import slows
 * down to the key's rate instead of failing.
 */
export class ApiClient {
  readonly baseUrl: string;
  readonly #key: string | undefined;

  constructor(baseUrl: string, key: string | undefined) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new UsageError(`--url ${JSON.stringify(baseUrl)} is not a URL (e.g. http://127.0.0.1:3000)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new UsageError(`--url must be http:// or https:// (got ${url.protocol})`);
    }
    this.baseUrl = url.href.endsWith('/') ? url.href : `${url.href}/`;
    this.#key = key;
  }

  /** The absolute URL of an API path (`api/people`), with query parameters. */
  url(path: string, query: Record<string, string | undefined> = {}): URL {
    const url = new URL(path.replace(/^\/+/, ''), this.baseUrl);
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(name, value);
    return url;
  }

  /** Sends a request; resolves for 2xx answers, throws a {@link RemoteError} otherwise. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const url = this.url(path, options.query);
    for (let attempt = 0; ; attempt += 1) {
      const { response, text } = await this.#send(method, url, options);
      const wait = retryAfterSeconds(response);
      if (response.status === 429 && attempt < RATE_LIMIT_RETRIES && wait !== undefined) {
        await sleep(wait * 1000);
        continue;
      }
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
      if (!response.ok) throw problemError(response.status, body, `${method} ${url.pathname}`);
      return { status: response.status, headers: response.headers, body: body as T };
    }
  }

  async #send(
    method: string,
    url: URL,
    options: RequestOptions,
  ): Promise<{ response: Response; text: string }> {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json, application/problem+json',
          ...(this.#key ? { authorization: `Bearer ${this.#key}` } : {}),
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch (cause) {
      const inner = (cause as { cause?: { code?: string; message?: string } }).cause;
      throw new RapportError(
        'UNAVAILABLE',
        `cannot reach ${url.origin}: ${inner?.code ?? inner?.message ?? (cause as Error).message}`,
        { cause },
      );
    }
    return { response, text: await response.text() };
  }
}

/** The whole seconds of a `Retry-After` the client is willing to wait; `undefined` otherwise. */
function retryAfterSeconds(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (header === null || !/^\d{1,6}$/.test(header.trim())) return undefined;
  const seconds = Number(header);
  return seconds <= MAX_RETRY_AFTER_SECONDS ? seconds : undefined;
}

function problemError(status: number, body: unknown, what: string): RemoteError {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const code = typeof problem.code === 'string' ? problem.code : `HTTP_${status}`;
  const detail =
    typeof problem.detail === 'string'
      ? problem.detail
      : typeof problem.title === 'string'
        ? problem.title
        : `${what} answered ${status}`;
  return new RemoteError(status, code, detail, {
    ...(Array.isArray(problem.errors) ? { errors: problem.errors } : {}),
    ...(typeof problem.requestId === 'string' ? { requestId: problem.requestId } : {}),
  });
}
