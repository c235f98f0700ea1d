import type { AsyncLocalStorage } from 'node:async_hooks';
import type { DataStore, StoreTx } from '../store/types.js';
import { type KernelInstruments, NO_INSTRUMENTS } from '../telemetry/kernel-instruments.js';
import type { PendingEvent } from './tx-scope.js';
import { TxScope } from './tx-scope.js';

/** Writes a transaction's events to the outbox; returns the ids of the rows written. */
export type OutboxWrite = (tx: StoreTx, events: PendingEvent[]) => Promise<string[]>;

/**
 * Runs kernel transactions. A call made while a transaction is running in the same async
 * context joins it (so hooks, handlers and nested repository calls never deadlock and never
 * split one change into two commits); otherwise it opens a store transaction, writes the
 * emitted events to the outbox before commit, and hands their ids to `onCommitted` after.
 */
export class TransactionRunner {
  readonly #store: DataStore;
  readonly #slot: AsyncLocalStorage<TxScope>;
  readonly #writeOutbox: OutboxWrite;
  readonly #instruments: KernelInstruments;
  #onCommitted: (ids: string[]) => void = () => {};
  /** Transactions this runner has open (joined calls not counted). */
  #open = 0;

  constructor(
    store: DataStore,
    slot: AsyncLocalStorage<TxScope>,
    writeOutbox: OutboxWrite,
    instruments: KernelInstruments = NO_INSTRUMENTS,
  ) {
    this.#store = store;
    this.#slot = slot;
    this.#writeOutbox = writeOutbox;
    this.#instruments = instruments;
  }

  /** Sets what happens to outbox rows once their transaction committed. */
  onCommitted(listener: (ids: string[]) => void): void {
    this.#onCommitted = listener;
  }

  /**
   * The transaction running in this async context, if any. Work a finished transaction left
   * behind (a timer, an unawaited promise) sees none: it runs in transactions of its own.
   */
  current(): TxScope | undefined {
    const scope = this.#slot.getStore();
    return scope?.isOpen ? scope : undefined;
  }

  /** Runs `fn` in the current transaction, or in a new one. */
  async run<R>(fn: (scope: TxScope) => Promise<R>): Promise<R> {
    const existing = this.current();
    if (existing) return fn(existing);
    let committedEvents: PendingEvent[] = [];
    let committedIds: string[] = [];
    const result = await this.#instruments.store('write', this.#store.name, () =>
      this.#transaction(fn, (events, ids) => {
        committedEvents = events;
        committedIds = ids;
      }),
    );
    if (committedEvents.length > 0) this.#instruments.committed(committedEvents);
    if (committedIds.length > 0) this.#slot.exit(() => this.#onCommitted(committedIds));
    return result;
  }

  /** One store transaction with a kernel scope; `done` hears of its events and outbox rows once `fn` finished. */
  #transaction<R>(
    fn: (scope: TxScope) => Promise<R>,
    done: (events: PendingEvent[], ids: string[]) => void,
  ): Promise<R> {
    return this.#store.transaction(async (tx) => {
      const scope = new TxScope(tx);
      this.#open += 1;
      try {
        const value = await this.#slot.run(scope, () => fn(scope));
        done(scope.events, scope.events.length > 0 ? await this.#writeOutbox(tx, scope.events) : []);
        return value;
      } finally {
        scope.close();
        this.#open -= 1;
        // On Node 20 and 22 an enabled AsyncLocalStorage runs hooks for every promise of the
        // process, which costs reads ~20% of their throughput. With no transaction open there
        // is no context to carry, so the slot is switched off until the next transaction.
        if (this.#open === 0) this.#slot.disable();
      }
    });
  }

  /**
   * Runs a read: inside the current transaction when there is one (to see its writes), else
   * through the store's `read` (which does not queue behind writers) or a store transaction of
   * its own, without setting up a kernel scope (reads emit nothing).
   */
  read<R>(fn: (tx: StoreTx) => Promise<R>): Promise<R> {
    const existing = this.current();
    if (existing) return fn(existing.tx);
    const store = this.#store;
    return this.#instruments.store('read', store.name, () =>
      store.read ? store.read(fn) : store.transaction(fn),
    );
  }

  /** Runs `fn` outside any transaction (for work that must not join the caller's). */
  detached<R>(fn: () => R): R {
    return this.#slot.exit(fn);
  }
}
