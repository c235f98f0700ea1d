import { authHeaders } from '../auth/session.js';
import { problemFrom } from './problem.js';

/** Options of {@link api}. */
export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** The version the write is based on (`If-Match: "v3"`). */
  ifMatch?: number;
  signal?: AbortSignal;
}

/** A successful answer: its JSON body (undefined for 204) and its ETag's version, when it has one. */
export interface ApiAnswer<T> {
  data: T;
  version?: number;
}

/** Listeners told when the API answers 401 (the session ended). */
const unauthenticated = new Set<() => void>();

/** Calls `listener` whenever a request is refused as unauthenticated; returns the unsubscribe. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticated.add(listener);
  return () => unauthenticated.delete(listener);
}

/**
 * Calls the Rapport API on this origin with the console's credentials; throws an `ApiError`
 * (with the server's problem document) on any answer that is not a success.
 */
export async function api<T>(path: string, request: ApiRequest = {}): Promise<ApiAnswer<T>> {
  const method = request.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(method) };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.ifMatch !== undefined) headers['if-match'] = `"v${request.ifMatch}"`;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  });
  if (!response.ok) {
    if (response.status === 401) for (const listener of unauthenticated) listener();
    throw await problemFrom(response);
  }
  const etag = /^(?:W\/)?"v(\d+)"$/.exec(response.headers.get('etag') ?? '');
  const data = (response.status === 204 ? undefined : await response.json()) as T;
  return { data, ...(etag ? { version: Number(etag[1]) } : {}) };
}
