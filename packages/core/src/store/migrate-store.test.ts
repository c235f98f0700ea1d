import { describe, expect, it } from 'vitest';
import { StoreError } from '../errors.js';
import { admin, bootKernel } from '../test-support/boot.js';
import { createMemoryVolume, memoryStore } from './memory-store.js';
import { migrateStore } from './migrate-store.js';

describe('migrateStore', () => {
  it('copies every collection in batches, reports progress and verifies counts', async () => {
    const source = createMemoryVolume();
    const { kernel } = await bootKernel({ store: memoryStore({ volume: source }) });
    const repo = kernel.data('customer', { actor: admin });
    for (let i = 0; i < 23; i += 1) await repo.create({ name: `C${i}`, team: i % 2 ? 'a' : 'b' });
    const schema = kernel.storeSchema;
    await kernel.stop();

    const target = createMemoryVolume();
    const progress: string[] = [];
    const report = await migrateStore(
      memoryStore({ volume: source }),
      memoryStore({ volume: target }),
      schema,
      {
        batchSize: 10,
        onProgress: ({ collection, copied, total }) => progress.push(`${collection} ${copied}/${total}`),
      },
    );
    expect(report.collections.find((c) => c.name === 'customer')).toEqual({
      name: 'customer',
      source: 23,
      target: 23,
    });
    expect(report.collections.find((c) => c.name === '_audit')).toEqual({
      name: '_audit',
      source: 23,
      target: 23,
    });
    expect(progress.filter((p) => p.startsWith('customer '))).toEqual([
      'customer 10/23',
      'customer 20/23',
      'customer 23/23',
    ]);

    const copy = await bootKernel({ store: memoryStore({ volume: target }) });
    const originals = await bootKernel({ store: memoryStore({ volume: source }) });
    const all = async (k: typeof kernel) =>
      (await k.data('customer', { actor: admin }).find({ sort: ['id'], limit: 100 })).items;
    expect(await all(copy.kernel)).toEqual(await all(originals.kernel));
  });

  it('refuses a target that already holds records, and copies nothing', async () => {
    const { kernel } = await bootKernel();
    const schema = kernel.storeSchema;
    const source = createMemoryVolume();
    const s = await bootKernel({ store: memoryStore({ volume: source }) });
    await s.kernel.data('customer', { actor: admin }).create({ name: 'from source' });
    await s.kernel.stop();
    const target = createMemoryVolume();
    const t = await bootKernel({ store: memoryStore({ volume: target }) });
    await t.kernel.data('customer', { actor: admin }).create({ name: 'already there' });
    await t.kernel.stop();
    const error = await migrateStore(
      memoryStore({ volume: source }),
      memoryStore({ volume: target }),
      schema,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toContain('target store already holds 1 customer record');
    const check = await bootKernel({ store: memoryStore({ volume: target }) });
    expect(await check.kernel.data('customer', { actor: admin }).count()).toBe(1);
  });
});
