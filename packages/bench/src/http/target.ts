// A benchmark target run in its own process, pinned to its own core: `bare` is a Hono route
// doing the same work without Rapport (same record and headers for GET, a group-commit journal
// for POST); `rapport` is the full server (auth, rate limits, validation, hooks, audit) on the
// memory store or a durable store.

import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import {
  createKernel,
  type DataStore,
  definePlugin,
  type Kernel,
  memoryStore,
  SYSTEM_ACTOR,
  type Where,
} from '@rapport/core';
import { customers } from '@rapport/plugin-customers';
import { demoBundles } from '@rapport/plugin-customers/demo';
import { apiKeys, createApiKey, createServer, DEFAULT_API_RATE_LIMIT } from '@rapport/server';
import { postgresStore } from '@rapport/store-postgres';
import { Hono } from 'hono';
import { pino } from 'pino';
import { barePostgres } from './bare-postgres.js';
import { groupCommitJournal } from './journal.js';

const kind = process.env.TARGET ?? 'bare';
const size = Number(process.env.SIZE ?? 10_000);

async function lowdbStoreAt(dir: string): Promise<DataStore> {
  const moduleName = '@rapport/store-lowdb';
  const { lowdbStore } = (await import(moduleName)) as { lowdbStore(options: { dir: string }): DataStore };
  return lowdbStore({ dir });
}

/** The owner whose key reads in the GET and LIST loads: one of the demo data's twelve owners. */
const REP = 'owner-03';

/**
 * The quickstart's `salesRep` shape on customers: the role reads and adds customers, and a
 * record rule narrows what it sees to the customers it owns, so the GET and LIST loads are
 * measured with a record rule applied to every read.
 */
const ownRecords = definePlugin({
  id: 'benchOwnRecords',
  version: '0.0.0',
  description: 'A sales rep sees only the customers they own (the bench target).',
  dependsOn: ['customers'],
  register(ctx) {
    ctx.access.grant('salesRep', ['customer:read', 'customer:create']);
    ctx.access.rule({
      id: 'benchOwnRecords.customer',
      entity: 'customer',
      where: (actor) => (actor.roles.includes('salesRep') ? { ownerId: actor.id } : undefined),
    });
  },
});

async function bootKernel(store: DataStore): Promise<Kernel> {
  const kernel = await createKernel({
    store,
    plugins: [apiKeys(), customers(), ownRecords()],
    logger: pino({ level: 'warn' }),
  });
  await kernel.start();
  return kernel;
}

/**
 * Loads the customers plugin's deterministic demo customers (records only, no history) through
 * the kernel: identity normalisation, validation, hooks and audit included.
 */
async function preload(kernel: Kernel): Promise<void> {
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    const records = batch;
    batch = [];
    await kernel.transaction(async (tx) => {
      const customersRepo = tx.data('customer', { actor: SYSTEM_ACTOR });
      for (const record of records) await customersRepo.create(record);
    });
  };
  for (const bundle of demoBundles({ count: size, seed: 7 })) {
    batch.push(bundle.customer.record as unknown as Record<string, unknown>);
    if (batch.length === 500) await flush();
  }
  if (batch.length > 0) await flush();
}

/**
 * A lowdb folder holding exactly `size` customers: preloaded once into `template`, then copied
 * afresh for every run, so records created by an earlier POST load never count.
 */
async function freshLowdbFolder(template: string): Promise<string> {
  const ready = join(template, 'PRELOADED');
  if (!existsSync(ready)) {
    rmSync(template, { recursive: true, force: true });
    const kernel = await bootKernel(await lowdbStoreAt(template));
    await preload(kernel);
    await kernel.stop();
    writeFileSync(ready, String(size));
  }
  const work = `${template}-run`;
  rmSync(work, { recursive: true, force: true });
  cpSync(template, work, { recursive: true });
  rmSync(join(work, 'PRELOADED'));
  return work;
}

async function storeFor(name: string): Promise<DataStore> {
  if (name === 'memory') return memoryStore();
  const [type, ...rest] = name.split(':');
  const where = rest.join(':');
  if (type === 'lowdb' && where) return lowdbStoreAt(await freshLowdbFolder(where));
  // PostgreSQL: one schema per record count (`bench_<size>`), preloaded when empty.
  if (type === 'postgres' && where) return postgresStore({ url: where, schema: `bench_${size}` });
  throw new Error(`unknown store '${name}' (memory, lowdb:<dir>, postgres:<url>)`);
}

/** How many customers the GET load cycles through. */
const GET_SAMPLE = 2_000;

/**
 * `count` ids spread evenly over the whole collection in id order, so GET reads touch records
 * across all of it (a cold record at 100k costs more than one of a few hundred hot ones).
 */
async function idsAcross(repo: ReturnType<Kernel['data']>, count: number, where?: Where): Promise<string[]> {
  const all: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await repo.find({
      ...(where ? { where } : {}),
      fields: ['id'],
      sort: ['id'],
      limit: 1_000,
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.items) all.push(item.id);
    cursor = page.nextCursor;
  } while (cursor);
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0).slice(0, count);
}

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  extra: Record<string, unknown>,
  onStop: () => Promise<void> = async () => {},
): void {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    process.stdout.write(`${JSON.stringify({ ready: true, port: info.port, ...extra })}\n`);
  });
  process.on('SIGTERM', () => server.close(() => void onStop().finally(() => process.exit(0))));
}

if (kind === 'bare') {
  // Same work as the server's answer, without the server: GET answers the record the server
  // answered (BARE_RECORD) with the headers it sent (BARE_HEADERS), or reads it with the same
  // query from PostgreSQL (BARE_PG_URL); POST appends the body to a journal with group fdatasync
  // (BARE_JOURNAL), or inserts it into PostgreSQL, and answers it with an id.
  const record = JSON.parse(process.env.BARE_RECORD ?? '{"name":"Customer","version":1}') as Record<
    string,
    unknown
  >;
  const headers = JSON.parse(process.env.BARE_HEADERS ?? '{}') as Record<string, string>;
  const journalPath = process.env.BARE_JOURNAL;
  const journal = journalPath ? groupCommitJournal(journalPath) : undefined;
  const pg = process.env.BARE_PG_URL
    ? await barePostgres(process.env.BARE_PG_URL, `bench_${size}`)
    : undefined;
  const app = new Hono();
  app.get('/api/customers/:id', async (c) => {
    const id = c.req.param('id');
    const found = pg ? await pg.get(id) : { ...record, id };
    if (!found) return c.body(null, 404);
    return c.body(JSON.stringify(found), 200, headers);
  });
  let n = 0;
  app.post('/api/customers', async (c) => {
    const body = (await c.req.json()) as Record<string, unknown>;
    n += 1;
    const created = {
      ...body,
      id: `bare-${process.pid}-${n}`,
      version: 1,
      createdAt: new Date().toISOString(),
    };
    const line = JSON.stringify(created);
    if (pg) await pg.insert(created);
    else if (journal) await journal.append(line);
    return c.body(line, 201, headers);
  });
  listen(app.fetch, {}, async () => {
    journal?.close();
    await pg?.close();
  });
} else {
  const kernel = await bootKernel(await storeFor(process.env.STORE ?? 'memory'));
  const repo = kernel.data('customer', { actor: SYSTEM_ACTOR });
  if ((await repo.count()) === 0) await preload(kernel);
  // GET and LIST read as the rep (ids of their own customers, spread over the collection);
  // POST writes as an admin.
  const ids = await idsAcross(repo, GET_SAMPLE, { ownerId: REP });
  const { key } = await createApiKey(kernel, { name: 'bench', roles: ['admin'] });
  // The rep's key is rate limited (every request takes a decision and answers RateLimit-*
  // headers) under a policy a load of a few minutes stays well within, so no answer is a 429.
  const rep = await createApiKey(kernel, {
    name: 'bench rep',
    roles: ['salesRep'],
    attributes: { userId: REP, rateLimit: 'bench' },
  });
  const app = createServer(kernel, {
    logRequests: false,
    rateLimit: {
      ...DEFAULT_API_RATE_LIMIT,
      policies: { bench: { limit: 1_000_000_000, windowMs: 60_000, burst: 100_000_000 } },
    },
  });
  listen(app.fetch, { key, readKey: rep.key, ids, records: await repo.count() }, () => kernel.stop());
}
