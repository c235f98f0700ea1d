import { describe, expect, it } from 'vitest';
import type { DataStore, StoreTx } from '../store/types.js';
import { createAsyncSlot } from '../util/async-local.js';
import { TransactionRunner } from './transaction-runner.js';
import type { TxScope } from './tx-scope.js';

/** A store whose transactions run side by side (as on PostgreSQL), counting how many began. */
function concurrentStore(): DataStore & { begun: number } {
  const store = {
    name: 'concurrent',
    capabilities: { multiProcess: true, durable: false },
    begun: 0,
    open: async () => {},
    ping: async () => {},
    close: async () => {},
    async transaction<R>(fn: (tx: StoreTx) => Promise<R>): Promise<R> {
      store.begun += 1;
      return fn({} as StoreTx);
    },
  };
  return store;
}

const tick = (ms = 1) => new Promise((resolve) => setTimeout(resolve, ms));

function runnerOn(store: DataStore): TransactionRunner {
  return new TransactionRunner(store, createAsyncSlot<TxScope>(), async () => []);
}

describe('TransactionRunner', () => {
  it('joins nested calls to the running transaction, transaction after transaction', async () => {
    const store = concurrentStore();
    const runner = runnerOn(store);
    for (let i = 0; i < 5; i += 1) {
      await runner.run(async (outer) => {
        await tick();
        const inner = await runner.run(async (scope) => scope);
        expect(inner).toBe(outer);
        expect(runner.current()).toBe(outer);
      });
      expect(runner.current()).toBeUndefined();
    }
    expect(store.begun).toBe(5);
  });

  it('keeps joining inside a transaction while another one ends', async () => {
    const store = concurrentStore();
    const runner = runnerOn(store);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const long = runner.run(async (outer) => {
      await held;
      await tick();
      expect(await runner.run(async (scope) => scope)).toBe(outer);
    });
    await runner.run(async () => tick(5));
    release();
    await long;
    expect(store.begun).toBe(2);
  });

  it('gives work left behind by a finished transaction no transaction to join', async () => {
    const runner = runnerOn(concurrentStore());
    let later!: Promise<TxScope | undefined>;
    await runner.run(async () => {
      later = tick(20).then(() => runner.current());
    });
    // Another transaction is open when the leftover work looks: it must still see none.
    await runner.run(async () => {
      expect(await later).toBeUndefined();
    });
  });
});
