import { apiKeys, createApiKey, createServer } from '@rapport/server';
import { createTestKernel, type TestKernel } from '@rapport/testing';
import { quickstartPlugins } from '../plugins.js';

/** The quickstart composition booted on a test kernel, its app and an admin key. */
export interface QuickstartServer {
  t: TestKernel;
  app: ReturnType<typeof createServer>;
  adminKey: string;
  /** Calls the app as the admin; a string body is sent as is, anything else as JSON. */
  call(method: string, path: string, body?: unknown, contentType?: string): Promise<Response>;
  /** The app's `/openapi.json`. */
  document(): Promise<OpenApiDocument>;
}

/** The parts of an OpenAPI document the tests read. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
  [key: string]: unknown;
}

/** Boots customers + sales + demo data (at a fixed clock) behind the HTTP server. */
export async function bootQuickstartServer(demo: {
  customers: number;
  deals: number;
  /** The demo team's password (`RAPPORT_DEMO_PASSWORD`); without it they cannot sign in. */
  password?: string;
  /**
   * Per-key rate limits (default on). The clock is fixed, so a bucket never refills: a test that
   * makes hundreds of requests as one person (a browser session) turns them off.
   */
  rateLimit?: false;
}): Promise<QuickstartServer> {
  const { rateLimit, ...seed } = demo;
  const t = await createTestKernel({
    plugins: [apiKeys(), ...quickstartPlugins(seed)],
    now: '2026-06-01T00:00:00Z',
  });
  const app = createServer(t.kernel, {
    logRequests: false,
    ...(rateLimit === false ? { rateLimit } : {}),
  });
  const adminKey = (await createApiKey(t.kernel, { name: 'admin', roles: ['admin'] })).key;
  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json') =>
    app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${adminKey}`,
        ...(body !== undefined ? { 'content-type': contentType } : {}),
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  const document = async () => (await (await app.request('/openapi.json')).json()) as OpenApiDocument;
  return { t, app, adminKey, call, document };
}
