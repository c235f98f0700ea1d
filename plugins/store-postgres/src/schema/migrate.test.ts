import { type CollectionSpec, type JsonSchema, type StoreSchema, withSystemFields } from '@rapport/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type PostgresStore, postgresStore } from '../pg-store.js';
import { adminPool, dropSchema, postgresUrl, uniqueSchema } from '../test-support/database.js';

function collection(
  name: string,
  properties: Record<string, JsonSchema>,
  indexes: CollectionSpec['indexes'] = [],
) {
  return { name, schema: withSystemFields({ type: 'object', properties }), indexes };
}

const V1: StoreSchema = {
  collections: [
    collection('deal', { title: { type: 'string' }, stage: { type: 'string' } }, [{ fields: ['stage'] }]),
  ],
};
const V2: StoreSchema = {
  collections: [
    collection(
      'deal',
      { title: { type: 'string' }, stage: { type: 'string' }, amount: { type: 'integer' } },
      [{ fields: ['stage'] }, { fields: ['amount'] }, { fields: ['title'], unique: true }],
    ),
    collection('ticket', { subject: { type: 'string' } }, [{ fields: ['subject'] }]),
  ],
};

const record = (id: string, fields: Record<string, unknown>) => ({
  id,
  createdAt: '2026-05-01T00:00:00.000Z',
  updatedAt: '2026-05-01T00:00:00.000Z',
  version: 1,
  ...fields,
});

describe('migrations on open', () => {
  const schemas: string[] = [];
  const stores: PostgresStore[] = [];
  const fresh = () => {
    const schema = uniqueSchema('mig');
    schemas.push(schema);
    return schema;
  };
  const storeOn = (schema: string) => {
    const store = postgresStore({ url: postgresUrl(), schema, max: 2 });
    stores.push(store);
    return store;
  };
  const indexes = async (schema: string) =>
    (
      await adminPool().query<{ indexname: string }>(
        'SELECT indexname FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname',
        [schema],
      )
    ).rows.map((r) => r.indexname);
  const steps = async (schema: string) =>
    (
      await adminPool().query<{ key: string }>(
        `SELECT key FROM "${schema}".rapport_schema_migrations ORDER BY key`,
      )
    ).rows.map((r) => r.key);

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const schema of schemas.splice(0)) await dropSchema(schema);
  });

  it('creates the schema, tables and indexes once, records each step, and runs no DDL when nothing changed', async () => {
    const schema = fresh();
    const first = storeOn(schema);
    await first.open(V1);
    expect(first.lastMigration?.applied).toEqual([
      'format',
      'table:deal',
      expect.stringMatching(/^index:rapport_deal__stage_[0-9a-f]{10}$/),
    ]);
    await first.close();
    const again = storeOn(schema);
    await again.open(V1);
    expect(again.lastMigration).toEqual({ applied: [], undeclared: [] });
    expect(await steps(schema)).toHaveLength(3);
  });

  it('adds a collection, a field and indexes to a running deployment on its next start, keeping the data', async () => {
    const schema = fresh();
    const v1 = storeOn(schema);
    await v1.open(V1);
    await v1.transaction((tx) => tx.insert('deal', record('d1', { title: 'ACME', stage: 'won' })));
    await v1.close();

    const v2 = storeOn(schema);
    await v2.open(V2);
    expect(v2.lastMigration?.applied).toEqual([
      expect.stringMatching(/^index:rapport_deal__amount_/),
      expect.stringMatching(/^index:rapport_deal__title_/),
      'table:ticket',
      expect.stringMatching(/^index:rapport_ticket__subject_/),
    ]);
    expect(await indexes(schema)).toEqual([
      expect.stringMatching(/^rapport_deal__amount_/),
      expect.stringMatching(/^rapport_deal__stage_/),
      expect.stringMatching(/^rapport_deal__title_/),
      'rapport_deal_pkey',
      'rapport_schema_migrations_pkey',
      expect.stringMatching(/^rapport_ticket__subject_/),
      'rapport_ticket_pkey',
    ]);
    await v2.transaction(async (tx) => {
      await tx.insert('deal', record('d2', { title: 'Globex', stage: 'open', amount: 5 }));
      await tx.insert('ticket', record('t1', { subject: 'help' }));
    });
    const found = await v2.transaction((tx) =>
      tx.find('deal', {
        where: { kind: 'cmp', field: 'amount', op: 'exists', value: false },
        sort: [{ field: 'id', direction: 'asc' }],
        limit: 10,
      }),
    );
    expect(found.map((r) => r.id)).toEqual(['d1']);
    await expect(
      v2.transaction((tx) => tx.insert('deal', record('d3', { title: 'ACME' }))),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('lets several processes open a new schema version at the same moment', async () => {
    const schema = fresh();
    const seed = storeOn(schema);
    await seed.open(V1);
    const racers = Array.from({ length: 6 }, () => storeOn(schema));
    await Promise.all(racers.map((store) => store.open(V2)));
    const applied = racers.flatMap((store) => store.lastMigration?.applied ?? []);
    expect(applied).toHaveLength(4); // each step applied by exactly one of them
    expect(new Set(applied).size).toBe(4);
    expect(await steps(schema)).toHaveLength(7);
  });

  it('never drops an index the schema stops declaring, and reports it', async () => {
    const schema = fresh();
    await storeOn(schema).open(V2);
    const back = storeOn(schema);
    await back.open(V1);
    expect(back.lastMigration?.applied).toEqual([]);
    expect(back.lastMigration?.undeclared).toEqual([
      expect.stringMatching(/^index:rapport_deal__amount_/),
      expect.stringMatching(/^index:rapport_deal__title_/),
    ]);
    expect((await indexes(schema)).filter((name) => name.startsWith('rapport_deal__'))).toHaveLength(3);
  });

  it('gives a field whose type changed a new index (the old one stays)', async () => {
    const schema = fresh();
    await storeOn(schema).open(V1);
    const changed = storeOn(schema);
    await changed.open({
      collections: [
        collection('deal', { title: { type: 'string' }, stage: { type: 'integer' } }, [
          { fields: ['stage'] },
        ]),
      ],
    });
    expect(changed.lastMigration?.applied).toEqual([expect.stringMatching(/^index:rapport_deal__stage_/)]);
    expect((await indexes(schema)).filter((name) => name.startsWith('rapport_deal__stage_'))).toHaveLength(2);
  });

  it('refuses a unique index over duplicate data with CONFLICT and applies nothing of that open', async () => {
    const schema = fresh();
    const v1 = storeOn(schema);
    await v1.open(V1);
    await v1.transaction(async (tx) => {
      await tx.insert('deal', record('a', { title: 'same' }));
      await tx.insert('deal', record('b', { title: 'same' }));
    });
    const v2 = storeOn(schema);
    await expect(v2.open(V2)).rejects.toMatchObject({ code: 'CONFLICT', details: { fields: ['title'] } });
    expect(await steps(schema)).toHaveLength(3); // the amount index and ticket table were rolled back too
    await expect(v2.transaction(async () => undefined)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('refuses a database written by a newer store format', async () => {
    const schema = fresh();
    await storeOn(schema).open(V1);
    await adminPool().query(
      `UPDATE "${schema}".rapport_schema_migrations SET definition = '{"version":99}' WHERE key = 'format'`,
    );
    await expect(storeOn(schema).open(V1)).rejects.toMatchObject({
      code: 'INVALID',
      details: { format: 99 },
    });
  });

  it('refuses to adopt a foreign table that happens to have the same name', async () => {
    const schema = fresh();
    await adminPool().query(`CREATE SCHEMA "${schema}"`);
    await adminPool().query(`CREATE TABLE "${schema}".rapport_deal (id integer PRIMARY KEY, name text)`);
    await expect(storeOn(schema).open(V1)).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('refuses a collection that would share a table with another or with the migrations table', async () => {
    const store = storeOn(fresh());
    await expect(store.open({ collections: [collection('schema_migrations', {})] })).rejects.toMatchObject({
      code: 'INVALID',
    });
    await expect(
      store.open({ collections: [collection('deal', {}), collection('deal', {})] }),
    ).rejects.toMatchObject({
      code: 'INVALID',
    });
  });

  it('adopts an index an operator built by hand from ddl() (e.g. CONCURRENTLY) and only records it', async () => {
    const schema = fresh();
    await storeOn(schema).open(V1);
    const planner = storeOn(schema);
    const statement = planner.ddl(V2).find((sql) => sql.includes('__amount_')) as string;
    await adminPool().query(statement.replace('CREATE INDEX IF NOT EXISTS', 'CREATE INDEX CONCURRENTLY'));
    await planner.open(V2);
    expect(planner.lastMigration?.applied).toContain(
      `index:${/"([^"]+__amount_[0-9a-f]+)"/.exec(statement)?.[1]}`,
    );
    expect((await indexes(schema)).filter((name) => name.startsWith('rapport_deal__amount_'))).toHaveLength(
      1,
    );
  });

  it('keeps two deployments apart in one PG schema by table prefix', async () => {
    const schema = fresh();
    const a = postgresStore({ url: postgresUrl(), schema, tablePrefix: 'a_', max: 1 });
    const b = postgresStore({ url: postgresUrl(), schema, tablePrefix: 'b_', max: 1 });
    stores.push(a, b);
    await a.open(V1);
    await b.open(V1);
    await a.transaction((tx) => tx.insert('deal', record('x', { title: 'only in a' })));
    expect(await b.transaction((tx) => tx.count('deal'))).toBe(0);
    expect(a.tableOf('deal')).toBe(`"${schema}"."a_deal"`);
  });
});
