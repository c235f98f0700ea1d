import { type StoredRecord, StoreError, type StoreSchema, withSystemFields } from '@rapport/core';
import { Pool } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { type PostgresStore, postgresStore } from './pg-store.js';
import { adminPool, dropSchema, postgresUrl, uniqueSchema } from './test-support/database.js';

const SCHEMA: StoreSchema = {
  collections: [
    {
      name: 'person',
      schema: withSystemFields({
        type: 'object',
        properties: { email: { type: 'string' }, n: { type: 'integer' } },
      }),
      indexes: [{ fields: ['email'], unique: true }],
    },
  ],
};
const person = (id: string, fields: Record<string, unknown> = {}, version = 1): StoredRecord => ({
  id,
  createdAt: '2026-05-01T00:00:00.000Z',
  updatedAt: '2026-05-01T00:00:00.000Z',
  version,
  ...fields,
});
const code = (error: unknown) =>
  error instanceof StoreError ? error.code : `not a StoreError: ${String(error)}`;

/** Waits until a backend of the application is blocked on a lock. */
async function waitForLockWait(applicationName: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    const { rows } = await adminPool().query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
      [applicationName],
    );
    if (Number(rows[0]?.n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no backend ever waited on the lock');
}

describe('errors and their codes', () => {
  const schemas: string[] = [];
  const stores: PostgresStore[] = [];
  const open = async (extra: { applicationName?: string } = {}) => {
    const schema = uniqueSchema('err');
    schemas.push(schema);
    const store = postgresStore({
      url: postgresUrl(),
      schema,
      max: 3,
      ...(extra.applicationName ? { poolConfig: { application_name: extra.applicationName } } : {}),
    });
    stores.push(store);
    await store.open(SCHEMA);
    return store;
  };
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const schema of schemas.splice(0)) await dropSchema(schema);
  });

  it('answers UNAVAILABLE, with the driver error as cause, when the server cannot be reached', async () => {
    const store = postgresStore({
      url: 'postgres://nobody@127.0.0.1:1/none',
      poolConfig: { connectionTimeoutMillis: 2_000 },
    });
    const error = await store.open(SCHEMA).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE' });
    expect((error as StoreError).cause).toMatchObject({ code: 'ECONNREFUSED' });
    await store.close();
  });

  it('is UNAVAILABLE before open and after close; ping answers while open', async () => {
    const never = postgresStore({ url: postgresUrl() });
    await expect(never.transaction(async () => 1)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(never.ping()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await never.close();
    const store = await open();
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await expect(store.transaction(async () => 1)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(store.open(SCHEMA)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await store.close(); // twice is fine
  });

  it('refuses unknown collections and unstorable records with INVALID, leaving the transaction usable', async () => {
    const store = await open();
    const results = await store.transaction(async (tx) => {
      const codes: string[] = [];
      const attempt = async (fn: () => Promise<unknown>) => codes.push(await fn().then(() => 'ok', code));
      await attempt(() => tx.get('nope', 'x'));
      await attempt(() => tx.insert('person', person('a', { n: Number.NaN })));
      await attempt(() => tx.insert('person', person('b', { n: Number.POSITIVE_INFINITY })));
      await attempt(() => tx.insert('person', person('c', { email: 'nul\u0000here' })));
      await attempt(() => tx.insert('person', person('d', { email: 'lone \ud800 surrogate' })));
      await attempt(() => tx.insert('person', person('e', { when: new Date() })));
      await attempt(() => tx.insert('person', person('f', { fn: () => 1 })));
      await attempt(() => tx.insert('person', person('g', { big: 1n })));
      await attempt(() => tx.insert('person', { ...person('h'), createdAt: 5 } as unknown as StoredRecord));
      await attempt(() => tx.insert('person', { ...person('i'), version: 1.5 }));
      await attempt(() => tx.insert('person', person('')));
      await attempt(() =>
        tx.find('person', {
          where: { kind: 'cmp', field: 'email', op: 'eq', value: 'x\u0000' },
          sort: [{ field: 'id', direction: 'asc' }],
          limit: 1,
        }),
      );
      await attempt(() => tx.insert('person', person('ok', { email: 'fine@example.com' })));
      return codes;
    });
    expect(results).toEqual([...Array(12).fill('INVALID'), 'ok']);
    expect(await store.transaction((tx) => tx.get('person', 'ok'))).toMatchObject({
      email: 'fine@example.com',
    });
  });

  it('reports CONFLICT and NOT_FOUND without aborting the transaction, like the memory store', async () => {
    const store = await open();
    await store.transaction(async (tx) => {
      await tx.insert('person', person('p1', { email: 'a@x' }));
      await tx.insert('person', person('p2', { email: 'b@x' }));
    });
    const outcome = await store.transaction(async (tx) => {
      const codes: string[] = [];
      const attempt = async (fn: () => Promise<unknown>) => codes.push(await fn().then(() => 'ok', code));
      await attempt(() => tx.insert('person', person('p1'))); // id taken
      await attempt(() => tx.insert('person', person('p3', { email: 'a@x' }))); // unique taken
      await attempt(() => tx.update('person', person('p2', { email: 'a@x' }, 2), 1)); // unique taken
      await attempt(() => tx.update('person', person('p2', {}, 3), 2)); // stale version
      await attempt(() => tx.update('person', person('zz', {}, 2), 1)); // absent
      await attempt(() => tx.delete('person', 'zz'));
      await attempt(() => tx.delete('person', 'p1', 7));
      await attempt(() => tx.insert('person', person('p4', { email: 'c@x' })));
      return codes;
    });
    expect(outcome).toEqual([
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
      'NOT_FOUND',
      'NOT_FOUND',
      'CONFLICT',
      'ok',
    ]);
    expect(await store.transaction((tx) => tx.count('person'))).toBe(3);
  });

  it('names the unique index and the record holding the value', async () => {
    const store = await open();
    await store.transaction((tx) => tx.insert('person', person('p1', { email: 'a@x' })));
    const error = await store
      .transaction((tx) => tx.insert('person', person('p2', { email: 'a@x' })))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'CONFLICT',
      details: { collection: 'person', id: 'p2', fields: ['email'], conflictingId: 'p1' },
    });
    expect((error as Error).message).toBe('person p2: email "a@x" is already used by person p1');
  });

  it('never commits part of a transaction whose statement failed, even when the caller swallowed the error', async () => {
    const name = `rapport-race-${Date.now()}`;
    const store = await open({ applicationName: name });
    await store.transaction(async (tx) => {
      await tx.insert('person', person('a', { email: 'a@x' }));
      await tx.insert('person', person('b', { email: 'b@x' }));
    });
    // tx1 takes 'x@x' without committing; tx2's update to the same value passes its guard,
    // waits on the unique index, and fails with a unique violation once tx1 commits.
    let release!: () => void;
    const hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const tx1Wrote = new Promise<void>((resolve) => {
      started = resolve;
    });
    const tx1 = store.transaction(async (tx) => {
      await tx.update('person', person('a', { email: 'x@x' }, 2), 1);
      started();
      await hold;
    });
    await tx1Wrote;
    let caught: unknown;
    const tx2 = store
      .transaction(async (tx) => {
        await tx.insert('person', person('c', { email: 'c@x' }));
        const update = tx.update('person', person('b', { email: 'x@x' }, 2), 1).catch((e: unknown) => {
          caught = e;
        });
        await waitForLockWait(name);
        release();
        await update; // swallowed
      })
      .catch((e: unknown) => e);
    await tx1;
    expect(await tx2).toMatchObject({ code: 'CONFLICT' });
    expect(caught).toMatchObject({ code: 'CONFLICT' });
    expect(await store.transaction((tx) => tx.get('person', 'c'))).toBeUndefined();
  });

  it('rolls back on a throw and passes the error through unchanged', async () => {
    const store = await open();
    const boom = new Error('boom');
    await expect(
      store.transaction(async (tx) => {
        await tx.insert('person', person('r1'));
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await store.transaction((tx) => tx.get('person', 'r1'))).toBeUndefined();
    let escaped: Parameters<Parameters<PostgresStore['transaction']>[0]>[0] | undefined;
    await store.transaction(async (tx) => {
      escaped = tx;
    });
    await expect(escaped?.get('person', 'r1')).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('turns a connection killed mid-transaction into UNAVAILABLE and recovers with a new connection', async () => {
    const name = `rapport-kill-${Date.now()}`;
    const store = await open({ applicationName: name });
    const error = await store
      .transaction(async (tx) => {
        await tx.insert('person', person('k1'));
        await adminPool().query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
          [name],
        );
        await tx.insert('person', person('k2'));
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNAVAILABLE' });
    expect(await store.transaction((tx) => tx.count('person'))).toBe(0);
    await store.ping();
  });

  it('leaves a pool it was given open on close', async () => {
    const pool = new Pool({ connectionString: postgresUrl(), max: 2 });
    const schema = uniqueSchema('err');
    schemas.push(schema);
    const store = postgresStore({ pool, schema });
    await store.open(SCHEMA);
    await store.close();
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await pool.end();
  });

  it('refuses contradictory options', () => {
    const pool = new Pool();
    expect(() => postgresStore({ pool, url: postgresUrl() })).toThrow(
      expect.objectContaining({ code: 'INVALID' }),
    );
    expect(() => postgresStore({})).toThrow(expect.objectContaining({ code: 'INVALID' }));
    expect(() => postgresStore({ url: postgresUrl(), max: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID' }),
    );
    void pool.end();
  });
});
