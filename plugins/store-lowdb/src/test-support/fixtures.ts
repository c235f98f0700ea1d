import type { DataStore, StoredRecord, StoreSchema } from '@rapport/core';

/**
 * The schema the store tests open: customers (unique email, indexed segment/owner), notes, and
 * events, a history collection (kept on disk; indexed customer, unique ref).
 */
export const TEST_SCHEMA: StoreSchema = {
  collections: [
    {
      name: 'customer',
      schema: { type: 'object', properties: {} },
      indexes: [
        { fields: ['email'], unique: true },
        { fields: ['segment'] },
        { fields: ['owner', 'segment'] },
      ],
    },
    { name: 'note', schema: { type: 'object', properties: {} }, indexes: [{ fields: ['customerId'] }] },
    {
      name: 'event',
      schema: { type: 'object', properties: {} },
      indexes: [{ fields: ['customerId'] }, { fields: ['ref'], unique: true }],
      history: true,
    },
  ],
};

/** An event record (history collection) of a customer. */
export function event(
  id: string,
  customerId: string,
  fields: Record<string, unknown> = {},
  version = 1,
): StoredRecord {
  return {
    id,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version,
    customerId,
    ref: `ref-${id}`,
    kind: 'call',
    ...fields,
  };
}

/** A customer record with system fields. */
export function customer(id: string, fields: Record<string, unknown> = {}, version = 1): StoredRecord {
  return {
    id,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version,
    name: `Customer ${id}`,
    email: `${id}@example.com`,
    ...fields,
  };
}

/** Every record of every collection, sorted by id: the state to compare before and after. */
export async function dumpStore(
  store: DataStore,
  schema: StoreSchema = TEST_SCHEMA,
): Promise<Record<string, StoredRecord[]>> {
  return store.transaction(async (tx) => {
    const dump: Record<string, StoredRecord[]> = {};
    for (const { name } of schema.collections) {
      dump[name] = await tx.find(name, {
        sort: [{ field: 'id', direction: 'asc' }],
        limit: Number.MAX_SAFE_INTEGER,
      });
    }
    return dump;
  });
}
