import { describe, expect, it } from 'vitest';
import { defineEntity, definePlugin } from '../index.js';
import { IDEMPOTENCY } from '../kernel/kernel-tokens.js';
import { createTestKernel } from '../testing/test-kernel.js';
import { IDEMPOTENCY_COLLECTION, MAX_IDEMPOTENT_RESULT } from './idempotency-collection.js';
import { idempotencyRowId } from './idempotency-keys.js';

const Note = defineEntity<{ text: string }>({
  name: 'note',
  plural: 'notes',
  schema: { type: 'object', properties: { text: { type: 'string', maxLength: 100 } }, required: ['text'] },
});
const notes = definePlugin({ id: 'notes', version: '1', register: (ctx) => ctx.entities.define(Note) });
const DAY = 86_400_000;

async function boot() {
  const t = await createTestKernel({ plugins: [notes()], now: '2026-05-01T00:00:00Z' });
  return { t, keys: t.kernel.resolve(IDEMPOTENCY) };
}

describe('idempotency keys', () => {
  it('replays the first result within the window, and runs again once it has passed', async () => {
    const { t, keys } = await boot();
    const request = { scope: 'u1', key: 'k1', fingerprint: 'f', ttlMs: DAY };
    let runs = 0;
    const work = async () => {
      runs += 1;
      const note = await t.data<{ text: string }>('note').create({ text: `run ${runs}` });
      return { keep: true, result: { id: note.id, text: note.text } };
    };
    const first = await keys.once(request, work);
    expect(await keys.once(request, work)).toEqual({ replayed: true, result: first.result });
    expect(await keys.once({ ...request, scope: 'u2' }, work)).toMatchObject({ replayed: false });
    expect(runs).toBe(2);
    await t.advance('1d');
    expect(await keys.once(request, work)).toMatchObject({ replayed: false, result: { text: 'run 3' } });
    await t.stop();
  });

  it('stores a hash of scope and key as the row id, never the key itself', async () => {
    const { t, keys } = await boot();
    await keys.once({ scope: 'u1', key: 'secret-looking-key', fingerprint: 'f', ttlMs: DAY }, async () => ({
      keep: true,
      result: 1,
    }));
    const row = await t.store.transaction(async (tx) =>
      tx.get(IDEMPOTENCY_COLLECTION, idempotencyRowId('u1', 'secret-looking-key')),
    );
    expect(row).toMatchObject({ scope: 'u1', fingerprint: 'f', result: '1' });
    expect(JSON.stringify(row)).not.toContain('secret-looking-key');
    await t.stop();
  });

  it('answers a retry of a result too large to keep with a clear error, not a second write', async () => {
    const { t, keys } = await boot();
    const request = { scope: 'u1', key: 'big', fingerprint: 'f', ttlMs: DAY };
    const big = 'x'.repeat(MAX_IDEMPOTENT_RESULT);
    await keys.once(request, async () => ({ keep: true, result: big }));
    await expect(keys.once(request, async () => ({ keep: true, result: 'again' }))).rejects.toMatchObject({
      code: 'IDEMPOTENCY_RESULT_UNAVAILABLE',
      details: { field: 'Idempotency-Key', rule: 'resultTooLarge' },
    });
    await t.stop();
  });

  it('refuses to run inside a caller’s transaction, whose rollback it could not own', async () => {
    const { t, keys } = await boot();
    await expect(
      t.kernel.transaction(() =>
        keys.once({ scope: 'u', key: 'k', fingerprint: 'f', ttlMs: DAY }, async () => ({
          keep: true,
          result: 1,
        })),
      ),
    ).rejects.toThrow(/outside one/);
    await t.stop();
  });

  it('sweeps the rows of passed windows hourly', async () => {
    const { t, keys } = await boot();
    for (const key of ['a', 'b']) {
      await keys.once({ scope: 'u', key, fingerprint: 'f', ttlMs: 60_000 }, async () => ({
        keep: true,
        result: key,
      }));
    }
    const rows = () =>
      t.store.transaction(async (tx) => tx.find(IDEMPOTENCY_COLLECTION, { sort: [], limit: 10 }));
    expect(await rows()).toHaveLength(2);
    await t.advance('1h');
    expect(await rows()).toHaveLength(0);
    await t.stop();
  });
});
