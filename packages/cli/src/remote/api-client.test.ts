import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, RATE_LIMIT_RETRIES, RemoteError } from './api-client.js';

/** A server that refuses the first `refusals` requests with 429 and `retry-after`, then answers 200. */
async function limitedServer(
  refusals: number,
  retryAfter = '0',
): Promise<{ url: string; server: Server; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push(`${req.method} ${body}`);
      if (seen.length <= refusals) {
        res.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': retryAfter });
        res.end(JSON.stringify({ status: 429, code: 'RATE_LIMITED', detail: 'over the limit' }));
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, server, seen };
}

describe('ApiClient and rate limits', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('sends a request refused with 429 again after Retry-After', async () => {
    const s = await limitedServer(2);
    server = s.server;
    const client = new ApiClient(s.url, 'rk_x');
    const answer = await client.request('POST', 'api/people', { body: { name: 'Ada' } });
    expect(answer).toMatchObject({ status: 201, body: { ok: true } });
    expect(s.seen).toEqual(['POST {"name":"Ada"}', 'POST {"name":"Ada"}', 'POST {"name":"Ada"}']);
  });

  it(`gives up after ${RATE_LIMIT_RETRIES} retries, or at once when Retry-After is too long`, async () => {
    const s = await limitedServer(100);
    server = s.server;
    const error = await new ApiClient(s.url, 'rk_x').request('GET', 'api/people').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(s.seen).toHaveLength(RATE_LIMIT_RETRIES + 1);
    await new Promise<void>((resolve) => s.server.close(() => resolve()));

    const slow = await limitedServer(1, '3600');
    server = slow.server;
    await expect(new ApiClient(slow.url, 'rk_x').request('GET', 'api/people')).rejects.toMatchObject({
      status: 429,
    });
    expect(slow.seen).toHaveLength(1);
  });
});
