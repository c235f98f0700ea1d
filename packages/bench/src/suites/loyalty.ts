import { randomUUID } from 'node:crypto';
import {
  createKernel,
  type DataStore,
  defineEntity,
  definePlugin,
  memoryStore,
  SYSTEM_ACTOR,
} from '@rapport/core';
import { customers } from '@rapport/plugin-customers';
import { LOYALTY, loyalty } from '@rapport/plugin-loyalty';
import { postgresStore } from '@rapport/store-postgres';
import { escapeIdentifier, Pool } from 'pg';
import { concurrently } from '../measure.js';
import type { Row } from '../report.js';

/** Concurrent callers in each measurement. */
const WORKERS = 8;

const NoteEntity = defineEntity({
  name: 'benchNote',
  plural: 'benchNotes',
  schema: {
    type: 'object',
    properties: { memberId: { type: 'string', maxLength: 200 }, points: { type: 'integer' } },
    required: ['memberId', 'points'],
  },
});
const notes = definePlugin({
  id: 'benchNotes',
  version: '0',
  register: (ctx) => ctx.entities.define(NoteEntity),
});

/**
 * Loyalty on one store (PostgreSQL in a throwaway schema when `url` is given, else memory):
 * `members` members, one of them with a ledger of `longLedger` entries. Measures, with
 * {@link WORKERS} concurrent callers: earning on an order (a posting: the entry appended and the
 * member's balance and lots moved under its version, in one transaction); a bare durable append
 * of a record of the same size (the store's create rate, the floor a posting cannot beat); and
 * the balance read of a member with 1 entry against one with `longLedger` entries, which must
 * not differ: the balance is one record, not a sum over the ledger.
 */
export async function loyaltySuite(options: {
  time: number;
  members: number;
  longLedger: number;
  url?: string;
}): Promise<Row[]> {
  const schema = `rapport_bench_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const store: DataStore = options.url
    ? postgresStore({ url: options.url, schema, max: WORKERS + 2, logger: {} })
    : memoryStore();
  const label = options.url ? 'postgres' : 'memory';
  const kernel = await createKernel({
    store,
    plugins: [customers({ currency: 'EUR', defaultRegion: 'DE' }), loyalty({ defaultRegion: 'DE' }), notes()],
    logger: { level: 'silent' },
    jobs: { timer: false },
  });
  await kernel.start();
  try {
    const service = kernel.resolve(LOYALTY);
    const programme = await kernel
      .data('loyaltyProgramme', { actor: SYSTEM_ACTOR })
      .create({ name: 'Bench', currency: 'EUR', expiry: { kind: 'never' } });
    const ids: string[] = [];
    for (let i = 0; i < options.members; i += 1) {
      const mobile = `+4915${String(100_000_000 + i)}`;
      ids.push((await service.enrol(SYSTEM_ACTOR, { programmeId: programme.id, mobile })).member.id);
    }
    const [short, long] = ids as [string, string];
    await service.earn(SYSTEM_ACTOR, short, { points: 10, idempotencyKey: 'seed-short' });
    for (let i = 0; i < options.longLedger; i += 1) {
      await service.earn(SYSTEM_ACTOR, long, { points: 10, idempotencyKey: `seed-long-${i}` });
    }
    let n = 0;
    const pick = () => ids[n++ % ids.length] as string;
    const earn = await concurrently(WORKERS, options.time, async () => {
      const order = n;
      await service.earn(SYSTEM_ACTOR, pick(), {
        points: 42,
        idempotencyKey: `order:bench-${order}`,
        sourceType: 'order',
        sourceId: `bench-${order}`,
      });
    });
    const append = await concurrently(WORKERS, options.time, async () => {
      await kernel.data('benchNote', { actor: SYSTEM_ACTOR }).create({ memberId: pick(), points: 42 });
    });
    const shortRead = await concurrently(WORKERS, options.time, async () => {
      await service.balance(SYSTEM_ACTOR, short);
    });
    const longRead = await concurrently(WORKERS, options.time, async () => {
      await service.balance(SYSTEM_ACTOR, long);
    });
    const row = (name: string, figures: Omit<Row, 'suite' | 'name'>): Row => ({
      suite: 'loyalty',
      name: `${name} (${label}, ${options.members} members)`,
      ...figures,
    });
    return [
      row('earn on an order', earn),
      row('bare durable append, same store', append),
      row('balance read, 1 entry', shortRead),
      row(`balance read, ${options.longLedger + 1} entries`, longRead),
    ];
  } finally {
    await kernel.stop();
    if (options.url) {
      const raw = new Pool({ connectionString: options.url, max: 1 });
      await raw.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`).catch(() => undefined);
      await raw.end();
    }
  }
}
