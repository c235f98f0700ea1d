import type { JsonValue } from '@rapport/core';
import { createTestKernel, type TestKernel, type TestKernelOptions } from '@rapport/core/testing';
import { apiKeys, createApiKey, createServer, type RapportEnv, type ServerOptions } from '@rapport/server';
import type { Hono } from 'hono';

/** A key the test server makes: its roles, and attributes such as `userId` or `team`. */
export interface TestKeySpec {
  roles: string[];
  attributes?: Record<string, string | number | boolean>;
}

/** Options of {@link createTestServer}: a test kernel's, the keys to make and the server's. */
export interface TestServerOptions<K extends string> extends TestKernelOptions {
  /**
   * The API keys to make, by name; default one per built-in role: `admin`, `manager`, `agent`,
   * `viewer`. A role a plugin grants (`salesRep`) works once that plugin is installed.
   */
  keys?: Record<K, string[] | TestKeySpec>;
  /** Server options (default: no request log, no docs page). */
  server?: ServerOptions;
}

/** A made key: the bearer token and the actor id it acts as. */
export interface TestKey {
  key: string;
  /** `attributes.userId` when given, else `key:<keyId>`: what `ownerId` and the audit show. */
  actorId: string;
}

/** What {@link createTestServer} answers. */
export interface TestServer<K extends string> {
  /** The test kernel behind the server (manual clock, memory store unless given). */
  t: TestKernel;
  app: Hono<RapportEnv>;
  keys: Record<K, TestKey>;
  /**
   * Calls the app as the key named `as`: a string body is sent as it is (for malformed JSON or
   * CSV), anything else as JSON; `type` sets the content type (default `application/json`).
   */
  request(
    method: string,
    path: string,
    as: K,
    body?: unknown,
    options?: { type?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  /** `request`, then the body parsed as JSON with the status. */
  json<T = Record<string, JsonValue>>(
    method: string,
    path: string,
    as: K,
    body?: unknown,
  ): Promise<{ status: number; body: T; headers: Headers }>;
  stop(): Promise<void>;
}

const DEFAULT_KEYS = { admin: ['admin'], manager: ['manager'], agent: ['agent'], viewer: ['viewer'] };

/**
 * Boots a test kernel with the `apiKeys()` plugin and the given plugins, serves it with
 * `createServer` (called with `app.request`, no socket), and makes an API key per name — so an
 * HTTP test reads like what a client does.
 *
 * @example
 * ```ts
 * const s = await createTestServer({
 *   plugins: [customers(), sales()],
 *   keys: { admin: ['admin'], rep: { roles: ['salesRep'], attributes: { userId: 'u1' } } },
 * });
 * const { status, body } = await s.json('GET', '/api/deals?limit=5', 'rep');
 * await s.stop();
 * ```
 */
export async function createTestServer<K extends string = keyof typeof DEFAULT_KEYS>(
  options: TestServerOptions<K> = {},
): Promise<TestServer<K>> {
  const { keys: specs, server, plugins = [], ...kernelOptions } = options;
  const t = await createTestKernel({ ...kernelOptions, plugins: [apiKeys(), ...plugins] });
  const app = createServer(t.kernel, { logRequests: false, docs: false, ...server });
  const keys = {} as Record<K, TestKey>;
  for (const [name, spec] of Object.entries(specs ?? DEFAULT_KEYS) as Array<[K, string[] | TestKeySpec]>) {
    const { roles, attributes } = Array.isArray(spec) ? { roles: spec, attributes: undefined } : spec;
    const made = await createApiKey(t.kernel, { name, roles, ...(attributes ? { attributes } : {}) });
    const userId = attributes?.userId;
    keys[name] = { key: made.key, actorId: typeof userId === 'string' ? userId : `key:${made.record.keyId}` };
  }
  const request: TestServer<K>['request'] = async (method, path, as, body, requestOptions = {}) =>
    app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${keys[as].key}`,
        ...(body === undefined ? {} : { 'content-type': requestOptions.type ?? 'application/json' }),
        ...requestOptions.headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return {
    t,
    app,
    keys,
    request,
    async json(method, path, as, body) {
      const res = await request(method, path, as, body);
      const text = await res.text();
      return {
        status: res.status,
        body: (text ? JSON.parse(text) : undefined) as never,
        headers: res.headers,
      };
    },
    stop: () => t.stop(),
  };
}
