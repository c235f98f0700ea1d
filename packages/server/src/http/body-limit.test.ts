import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { limitBody } from './body-limit.js';

function app(maxBytes: number) {
  const server = new Hono();
  server.use(
    '*',
    limitBody(maxBytes, (c) => c.text('too large', 413)),
  );
  server.post('/echo', async (c) => c.text(await c.req.text()));
  server.get('/echo', (c) => c.text('got'));
  return server;
}

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 100) controller.enqueue(bytes.subarray(i, i + 100));
      controller.close();
    },
  });
}

describe('limitBody', () => {
  it('refuses a body whose Content-Length is over the limit', async () => {
    const res = await app(1_000).request('/echo', {
      method: 'POST',
      headers: { 'content-length': '5000' },
      body: 'x'.repeat(5_000),
    });
    expect(res.status).toBe(413);
  });

  it('lets a body within the limit through, readable once', async () => {
    const res = await app(1_000).request('/echo', {
      method: 'POST',
      headers: { 'content-length': '3' },
      body: 'abc',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('abc');
  });

  it('counts a streamed body without Content-Length', async () => {
    const post = (text: string) =>
      app(1_000).request('/echo', { method: 'POST', body: streamOf(text), duplex: 'half' } as RequestInit);
    const over = await post('y'.repeat(1_500));
    expect(over.status).toBe(413);
    const within = await post('z'.repeat(900));
    expect(within.status).toBe(200);
    expect((await within.text()).length).toBe(900);
  });

  it('leaves methods without a body alone', async () => {
    expect((await app(1).request('/echo')).status).toBe(200);
  });
});
