import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { requestDeadline } from './request-deadline.js';

class Late extends Error {}

function app(ms: number) {
  const server = new Hono();
  server.use(
    '*',
    requestDeadline(ms, () => new Late('too slow')),
  );
  server.onError((error, c) =>
    c.text(error instanceof Late ? 'late' : 'other', error instanceof Late ? 503 : 500),
  );
  server.get('/wait/:ms', async (c) => {
    await new Promise((resolve) => setTimeout(resolve, Number(c.req.param('ms'))));
    return c.text('done');
  });
  return server;
}

describe('requestDeadline', () => {
  it('answers requests that finish in time and fails those that do not', async () => {
    const server = app(100);
    const [fast, slow] = await Promise.all([server.request('/wait/5'), server.request('/wait/1000')]);
    expect(fast.status).toBe(200);
    expect(await fast.text()).toBe('done');
    expect(slow.status).toBe(503);
    expect(await slow.text()).toBe('late');
  });

  it('fails a slow request between the limit and one sweep after it', async () => {
    const server = app(200);
    const started = performance.now();
    const res = await server.request('/wait/2000');
    const took = performance.now() - started;
    expect(res.status).toBe(503);
    expect(took).toBeGreaterThanOrEqual(195);
    expect(took).toBeLessThan(1_000);
  });

  it('times each of many overlapping requests from its own start', async () => {
    const server = app(150);
    const results = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 5));
        return (await server.request(`/wait/${i % 2 === 0 ? 10 : 600}`)).status;
      }),
    );
    expect(results.filter((status) => status === 200)).toHaveLength(20);
    expect(results.filter((status) => status === 503)).toHaveLength(20);
  });
});
