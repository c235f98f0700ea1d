import { describe, expect, it } from 'vitest';
import { serveRapport } from './serve.js';
import { bootServer } from './test-support/fixture.js';

describe('lost updates over HTTP', () => {
  it('16 clients × 50 read-increment-write cycles with If-Match end at exactly 800', async () => {
    const f = await bootServer();
    const server = await serveRapport(f.t.kernel, f.app, { port: 0 });
    try {
      const headers = f.auth(f.keys.admin, { 'content-type': 'application/json' });
      const created = await (
        await fetch(`${server.url}/api/service-tickets`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ title: 'counter', team: 'north', counter: 0 }),
        })
      ).json();
      const url = `${server.url}/api/service-tickets/${created.id}`;
      let retries = 0;
      const client = async () => {
        for (let cycle = 0; cycle < 50; cycle += 1) {
          for (;;) {
            const read = await fetch(url, { headers });
            const current = await read.json();
            const write = await fetch(url, {
              method: 'PATCH',
              headers: { ...headers, 'if-match': read.headers.get('etag') as string },
              body: JSON.stringify({ counter: current.counter + 1 }),
            });
            await write.arrayBuffer();
            if (write.status === 200) break;
            expect(write.status).toBe(412);
            retries += 1;
          }
        }
      };
      await Promise.all(Array.from({ length: 16 }, client));
      const final = await (await fetch(url, { headers })).json();
      expect(final.counter).toBe(800);
      expect(final.version).toBe(801);
      expect(retries).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  }, 180_000);
});
