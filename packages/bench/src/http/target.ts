// A benchmark target run in its own process, so the load generator and the server do not
// share a core: `bare` is a Hono route doing no work; `rapport` is the full server (auth,
// validation, hooks, audit) on the memory store or a durable store.
import { serve } from '@hono/node-server';
import { createKernel, type DataStore, memoryStore, SYSTEM_ACTOR } from '@rapport/core';
import { apiKeys, createApiKey, createServer } from '@rapport/server';
import { Hono } from 'hono';
import { pino } from 'pino';
import { benchCustomer, benchCustomers } from './bench-entity.js';

const kind = process.env.TARGET ?? 'bare';
const size = Number(process.env.SIZE ?? 10_000);

async function storeFor(name: string): Promise<DataStore> {
  if (name === 'memory') return memoryStore();
  const [type, dir] = name.split(':');
  if (type === 'lowdb' && dir) {
    const moduleName = '@rapport/store-lowdb';
    const { lowdbStore } = (await import(moduleName)) as { lowdbStore(options: { dir: string }): DataStore };
    return lowdbStore({ dir });
  }
  throw new Error(`unknown store '${name}' (memory, lowdb:<dir>)`);
}

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  extra: Record<string, unknown>,
): void {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    process.stdout.write(`${JSON.stringify({ ready: true, port: info.port, ...extra })}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

if (kind === 'bare') {
  const app = new Hono();
  app.get('/api/customers/:id', (c) => c.json({ id: c.req.param('id'), name: 'Customer', version: 1 }));
  app.post('/api/customers', async (c) => c.json({ ...(await c.req.json()), id: 'x', version: 1 }, 201));
  listen(app.fetch, {});
} else {
  const kernel = await createKernel({
    store: await storeFor(process.env.STORE ?? 'memory'),
    plugins: [apiKeys(), benchCustomers()],
    logger: pino({ level: 'warn' }),
  });
  await kernel.start();
  const repo = kernel.data('customer', { actor: SYSTEM_ACTOR });
  const existing = await repo.count();
  for (let i = existing; i < size; i += 500) {
    await kernel.transaction(async (tx) => {
      const batch = tx.data('customer', { actor: SYSTEM_ACTOR });
      for (let j = i; j < Math.min(i + 500, size); j += 1) await batch.create(benchCustomer(j));
    });
  }
  const ids = (await repo.find({ limit: 500, sort: ['id'] })).items.map((c) => c.id);
  const { key } = await createApiKey(kernel, { name: 'bench', roles: ['admin'] });
  const app = createServer(kernel, { logRequests: false });
  listen(app.fetch, { key, ids, records: await repo.count() });
}
