import { StoreError } from '../errors.js';
import type { DataStore, StoredRecord, StoreSchema } from './types.js';

/** Progress of a store-to-store copy, reported after each batch. */
export interface MigrationProgress {
  collection: string;
  copied: number;
  total: number;
}

/** What was copied, per collection, with the counts verified on both sides. */
export interface MigrationReport {
  collections: Array<{ name: string; source: number; target: number }>;
  records: number;
  ms: number;
}

/** Options of {@link migrateStore}. */
export interface MigrateOptions {
  /** Records per read and per target transaction (default 500). */
  batchSize?: number;
  onProgress?(progress: MigrationProgress): void;
}

/**
 * Copies every record of every collection from one store to another (for example from the
 * embedded store to PostgreSQL). Both stores are opened with `schema` and closed afterwards.
 * The target must be empty; the copy reads in id order, writes in batches, and finishes by
 * comparing counts per collection — a mismatch is an error, never a silent partial copy.
 *
 * @example
 * ```ts
 * await migrateStore(lowdbStore({ dir: 'data' }), postgresStore({ url }), kernel.storeSchema, {
 *   onProgress: ({ collection, copied, total }) => bar.update(copied, { collection, total }),
 * });
 * ```
 */
export async function migrateStore(
  from: DataStore,
  to: DataStore,
  schema: StoreSchema,
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  const batchSize = options.batchSize ?? 500;
  const started = performance.now();
  await from.open(schema);
  try {
    await to.open(schema);
    try {
      const collections: MigrationReport['collections'] = [];
      for (const { name } of schema.collections) {
        const existing = await to.transaction((tx) => tx.count(name));
        if (existing > 0) {
          throw new StoreError(
            'INVALID',
            `target store already holds ${existing} ${name} record(s); migrate into an empty store`,
            {
              details: { collection: name, existing },
            },
          );
        }
      }
      for (const { name } of schema.collections) {
        const total = await from.transaction((tx) => tx.count(name));
        let copied = 0;
        let after: string | undefined;
        for (;;) {
          const batch: StoredRecord[] = await from.transaction((tx) =>
            tx.find(name, {
              sort: [{ field: 'id', direction: 'asc' }],
              limit: batchSize,
              ...(after === undefined ? {} : { after: [after] }),
            }),
          );
          if (batch.length === 0) break;
          await to.transaction(async (tx) => {
            for (const record of batch) await tx.insert(name, record);
          });
          copied += batch.length;
          after = batch[batch.length - 1]?.id;
          options.onProgress?.({ collection: name, copied, total });
          if (batch.length < batchSize) break;
        }
        const target = await to.transaction((tx) => tx.count(name));
        if (target !== total || copied !== total) {
          throw new StoreError(
            'CONFLICT',
            `${name}: copied ${copied} of ${total} record(s) but the target holds ${target}`,
            {
              details: { collection: name, source: total, copied, target },
            },
          );
        }
        collections.push({ name, source: total, target });
      }
      return {
        collections,
        records: collections.reduce((sum, c) => sum + c.target, 0),
        ms: performance.now() - started,
      };
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}
