import type { Logger } from 'pino';
import type { TransactionRunner } from '../data/transaction-runner.js';
import type { PendingEvent } from '../data/tx-scope.js';
import { RapportError } from '../errors.js';
import type { StoreTx } from '../store/types.js';
import type { KernelInstruments } from '../telemetry/kernel-instruments.js';
import type { Clock } from '../util/clock.js';
import { isoTime } from '../util/clock.js';
import { newId } from '../util/ids.js';
import { OUTBOX_COLLECTION, type OutboxRow } from './outbox-collection.js';
import type { SubscriberRegistry } from './subscriber-registry.js';
import type { DomainEvent, EventHandlerContext } from './types.js';

/** Outbox tuning; every field has a default. */
export interface OutboxOptions {
  /** Failed deliveries before an event is parked as `dead` (default 12). */
  maxAttempts?: number;
  /** First retry delay in ms, doubled per attempt (default 1000). */
  retryBaseMs?: number;
  /** Longest retry delay in ms (default 300000). */
  retryMaxMs?: number;
  /** Dispatch right after commit (default true). Off only to simulate a crash in tests. */
  autoDispatch?: boolean;
}

interface Dependencies {
  runner: TransactionRunner;
  subscribers: SubscriberRegistry;
  clock: Clock;
  logger: Logger;
  handlerContext(event: DomainEvent): EventHandlerContext;
  /** Spans around handlers and counts of their outcomes. */
  instruments: KernelInstruments;
}

const SWEEP_BATCH = 100;

/**
 * The transactional outbox. Events are written as rows in the transaction that caused them,
 * dispatched after commit, and redelivered with backoff after a handler failure or a crash.
 * Each handler's success is recorded in the row, in the handler's own transaction for
 * transactional handlers, so no handler's store writes ever happen twice.
 */
export class Outbox {
  readonly #deps: Dependencies;
  readonly #options: Required<OutboxOptions>;
  readonly #inFlight = new Map<string, Promise<void>>();
  #accepting = true;

  constructor(deps: Dependencies, options: OutboxOptions = {}) {
    this.#deps = deps;
    this.#options = {
      maxAttempts: options.maxAttempts ?? 12,
      retryBaseMs: options.retryBaseMs ?? 1_000,
      retryMaxMs: options.retryMaxMs ?? 300_000,
      autoDispatch: options.autoDispatch ?? true,
    };
  }

  /** Whether the kernel delivers on its own (after commit, at start, on the sweep job). */
  get autoDispatch(): boolean {
    return this.#options.autoDispatch;
  }

  /** Writes rows for the events that have subscribers; returns their ids. */
  async write(tx: StoreTx, events: PendingEvent[]): Promise<string[]> {
    const ids: string[] = [];
    const now = isoTime(this.#deps.clock.now());
    for (const event of events) {
      const pending = this.#deps.subscribers.handlersFor(event.name);
      if (pending.length === 0) continue;
      const row: OutboxRow = {
        id: newId(),
        createdAt: now,
        updatedAt: now,
        version: 1,
        name: event.name,
        payload: event.payload,
        occurredAt: now,
        actorId: event.actorId,
        pending,
        attempts: 0,
        nextAttemptAt: now,
        status: 'pending',
      };
      await tx.insert(OUTBOX_COLLECTION, row);
      ids.push(row.id);
    }
    return ids;
  }

  /** Called after commit: dispatches the new rows in the background. */
  committed(ids: string[]): void {
    if (!this.#options.autoDispatch || !this.#accepting) return;
    for (const id of ids) void this.dispatch(id);
  }

  /** Delivers one row to each handler still pending; never throws. */
  dispatch(id: string): Promise<void> {
    const running = this.#inFlight.get(id);
    if (running) return running;
    const job = this.#deliver(id)
      .catch((error: unknown) =>
        this.#deps.logger.error({ err: error, eventId: id }, 'outbox dispatch failed'),
      )
      .finally(() => this.#inFlight.delete(id));
    this.#inFlight.set(id, job);
    return job;
  }

  /** Dispatches every row that is due (crash leftovers and retries whose backoff has passed), a batch of rows at a time. */
  async dispatchDue(): Promise<number> {
    const now = isoTime(this.#deps.clock.now());
    let dispatched = 0;
    let after: string | undefined;
    for (;;) {
      const rows = await this.#deps.runner.run((scope) =>
        scope.tx.find(OUTBOX_COLLECTION, {
          where: {
            kind: 'and',
            items: [
              { kind: 'cmp', field: 'status', op: 'eq', value: 'pending' },
              { kind: 'cmp', field: 'nextAttemptAt', op: 'lte', value: now },
            ],
          },
          sort: [{ field: 'id', direction: 'asc' }],
          limit: SWEEP_BATCH,
          ...(after === undefined ? {} : { after: [after] }),
        }),
      );
      // A batch at once: a restart after a crash (or a backlog of retries) would otherwise wait on
      // each slow handler in turn — rows are independent, as the dispatches after commit are.
      await Promise.all(rows.map((row) => this.dispatch(row.id)));
      dispatched += rows.length;
      if (rows.length < SWEEP_BATCH) return dispatched;
      after = rows[rows.length - 1]?.id;
    }
  }

  /** Waits for in-flight deliveries, then delivers whatever is due, until nothing is left. */
  async drain(): Promise<void> {
    for (let round = 0; round < 100; round += 1) {
      await Promise.all(this.#inFlight.values());
      const due = await this.dispatchDue();
      if (due === 0 && this.#inFlight.size === 0) return;
    }
  }

  /** Stops taking new dispatches and waits for the running ones. */
  async close(): Promise<void> {
    this.#accepting = false;
    await Promise.all(this.#inFlight.values());
  }

  async #deliver(id: string): Promise<void> {
    const { runner } = this.#deps;
    const row = (await runner.read((tx) => tx.get(OUTBOX_COLLECTION, id))) as OutboxRow | undefined;
    if (row?.status !== 'pending') return;
    for (const handlerId of row.pending) {
      await this.#deliverTo(row, handlerId);
    }
  }

  async #deliverTo(row: OutboxRow, handlerId: string): Promise<void> {
    const { runner, subscribers, logger, instruments } = this.#deps;
    const subscriber = subscribers.get(handlerId);
    const event: DomainEvent = {
      id: row.id,
      name: row.name,
      payload: row.payload,
      occurredAt: row.occurredAt,
      actorId: row.actorId,
      attempt: row.attempts,
    };
    try {
      if (!subscriber) {
        logger.warn({ eventId: row.id, handlerId }, 'event handler no longer installed; delivery dropped');
        await runner.run((scope) => this.#markDelivered(scope.tx, row.id, handlerId));
      } else if (subscriber.transactional) {
        const delivered = await instruments.handle(row.name, handlerId, () =>
          runner.run(async (scope) => {
            if (!(await this.#stillPending(scope.tx, row.id, handlerId))) return false;
            await subscriber.handler(event, this.#deps.handlerContext(event));
            await this.#markDelivered(scope.tx, row.id, handlerId);
            return true;
          }),
        );
        if (delivered) instruments.delivery(row.name, handlerId, 'delivered');
      } else {
        await instruments.handle(row.name, handlerId, async () =>
          runner.detached(() => subscriber.handler(event, this.#deps.handlerContext(event))),
        );
        await runner.run((scope) => this.#markDelivered(scope.tx, row.id, handlerId));
        instruments.delivery(row.name, handlerId, 'delivered');
      }
    } catch (error) {
      if (
        error instanceof RapportError &&
        error.code === 'CONFLICT' &&
        !(await this.#isPendingFor(row.id, handlerId))
      ) {
        return; // another dispatcher delivered it first; our attempt rolled back
      }
      await this.#recordFailure(row.id, handlerId, error);
    }
  }

  async #stillPending(tx: StoreTx, id: string, handlerId: string): Promise<boolean> {
    const row = (await tx.get(OUTBOX_COLLECTION, id)) as OutboxRow | undefined;
    return row !== undefined && row.status === 'pending' && row.pending.includes(handlerId);
  }

  async #isPendingFor(id: string, handlerId: string): Promise<boolean> {
    return this.#deps.runner.run((scope) => this.#stillPending(scope.tx, id, handlerId));
  }

  async #markDelivered(tx: StoreTx, id: string, handlerId: string): Promise<void> {
    const row = (await tx.get(OUTBOX_COLLECTION, id)) as OutboxRow | undefined;
    if (!row) return;
    const pending = row.pending.filter((h) => h !== handlerId);
    if (pending.length === 0) {
      await tx.delete(OUTBOX_COLLECTION, id, row.version);
      return;
    }
    const now = isoTime(this.#deps.clock.now());
    await tx.update(
      OUTBOX_COLLECTION,
      { ...row, pending, updatedAt: now, version: row.version + 1 },
      row.version,
    );
  }

  async #recordFailure(id: string, handlerId: string, error: unknown): Promise<void> {
    const { runner, clock, logger } = this.#deps;
    const message = error instanceof Error ? error.message : String(error);
    try {
      const recorded = await runner.run(async (scope) => {
        const row = (await scope.tx.get(OUTBOX_COLLECTION, id)) as OutboxRow | undefined;
        if (!row) return undefined;
        const attempts = row.attempts + 1;
        const dead = attempts >= this.#options.maxAttempts;
        const delay = Math.min(this.#options.retryBaseMs * 2 ** (attempts - 1), this.#options.retryMaxMs);
        const next: OutboxRow = {
          ...row,
          attempts,
          status: dead ? 'dead' : 'pending',
          nextAttemptAt: isoTime(clock.now() + delay),
          lastError: `${handlerId}: ${message}`.slice(0, 2_000),
          updatedAt: isoTime(clock.now()),
          version: row.version + 1,
        };
        await scope.tx.update(OUTBOX_COLLECTION, next, row.version);
        const log = { err: error, eventId: id, event: row.name, handlerId, attempts };
        if (dead) logger.error(log, 'event handler kept failing; event parked as dead');
        else logger.warn({ ...log, retryInMs: delay }, 'event handler failed; will retry');
        return { event: row.name, outcome: dead ? ('dead' as const) : ('failed' as const) };
      });
      if (recorded) this.#deps.instruments.delivery(recorded.event, handlerId, recorded.outcome);
    } catch (recordError) {
      logger.error({ err: recordError, eventId: id }, 'could not record an event handler failure');
    }
  }
}
