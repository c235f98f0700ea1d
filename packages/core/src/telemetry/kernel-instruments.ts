import type { PendingEvent } from '../data/tx-scope.js';
import type { Telemetry } from './telemetry.js';

/** What a store call was: a transaction that may write, or a read. */
export type StoreCallKind = 'write' | 'read';

/** How an event handler's delivery went: done, failed (it will be retried) or parked as dead. */
export type DeliveryOutcome = 'delivered' | 'failed' | 'dead';

/**
 * The kernel's own instruments, as the transaction runner, the outbox and the job scheduler use
 * them: each wraps one unit of work, timing it, counting its outcome and (with tracing on)
 * running it in a span. Made once per kernel by {@link kernelInstruments}.
 */
export interface KernelInstruments {
  /** Times one store transaction or read (joined calls are not timed twice). */
  store<R>(kind: StoreCallKind, storeName: string, work: () => Promise<R>): Promise<R>;
  /** Counts the events a transaction committed, by name. */
  committed(events: readonly PendingEvent[]): void;
  /** Runs one event handler's delivery in a span. */
  handle<R>(event: string, handler: string, work: () => Promise<R>): Promise<R>;
  /** Counts one handler delivery outcome. */
  delivery(event: string, handler: string, outcome: DeliveryOutcome): void;
  /** Times one job run and counts whether it succeeded; rethrows its error. */
  job<R>(job: string, work: () => Promise<R>): Promise<R>;
}

/** Instruments that do nothing, for parts made without a kernel (unit tests of one class). */
export const NO_INSTRUMENTS: KernelInstruments = {
  store: (_kind, _store, work) => work(),
  committed: () => undefined,
  handle: (_event, _handler, work) => work(),
  delivery: () => undefined,
  job: (_job, work) => work(),
};

/** Defines the kernel's metrics in `telemetry`'s registry and returns the instruments recording them. */
export function kernelInstruments(telemetry: Telemetry): KernelInstruments {
  const storeSeconds = telemetry.histogram({
    name: 'rapport_store_transaction_seconds',
    help: 'Store transactions (kind=write) and reads (kind=read), by outcome, in seconds.',
    labelNames: ['kind', 'outcome'],
  });
  // Children bound once: labelling each observation would hash its labels on the hot path.
  const timers = {
    write: {
      commit: storeSeconds.labels('write', 'commit'),
      rollback: storeSeconds.labels('write', 'rollback'),
    },
    read: {
      commit: storeSeconds.labels('read', 'commit'),
      rollback: storeSeconds.labels('read', 'rollback'),
    },
  };
  const events = telemetry.counter({
    name: 'rapport_events_committed_total',
    help: 'Domain events committed, by name (messaging.message.sent, .delivered, .failed, ... are message delivery outcomes).',
    labelNames: ['event'],
  });
  const deliveries = telemetry.counter({
    name: 'rapport_outbox_deliveries_total',
    help: 'Event handler deliveries from the outbox, by event, handler and outcome (delivered, failed, dead).',
    labelNames: ['event', 'handler', 'outcome'],
  });
  const jobRuns = telemetry.counter({
    name: 'rapport_job_runs_total',
    help: 'Job runs by job and outcome (success, failure).',
    labelNames: ['job', 'outcome'],
  });
  const jobSeconds = telemetry.histogram({
    name: 'rapport_job_duration_seconds',
    help: 'How long job runs took, by job, in seconds.',
    labelNames: ['job'],
    buckets: [0.005, 0.025, 0.1, 0.5, 1, 5, 15, 60, 300],
  });
  const span = telemetry.tracer ? telemetry.span.bind(telemetry) : undefined;

  return {
    store(kind, storeName, work) {
      const timer = timers[kind];
      const run = () => {
        const began = performance.now();
        return work().then(
          (value) => {
            timer.commit.observe((performance.now() - began) / 1_000);
            return value;
          },
          (error: unknown) => {
            timer.rollback.observe((performance.now() - began) / 1_000);
            throw error;
          },
        );
      };
      return span
        ? span(`rapport.store.${kind === 'write' ? 'transaction' : 'read'}`, { 'db.system': storeName }, run)
        : run();
    },
    committed(committedEvents) {
      for (const event of committedEvents) events.inc({ event: event.name });
    },
    handle(event, handler, work) {
      return span
        ? span('rapport.event.handle', { 'rapport.event': event, 'rapport.handler': handler }, work)
        : work();
    },
    delivery(event, handler, outcome) {
      deliveries.inc({ event, handler, outcome });
    },
    job(job, work) {
      const run = async () => {
        const began = performance.now();
        try {
          const value = await work();
          jobRuns.inc({ job, outcome: 'success' });
          return value;
        } catch (error) {
          jobRuns.inc({ job, outcome: 'failure' });
          throw error;
        } finally {
          jobSeconds.observe({ job }, (performance.now() - began) / 1_000);
        }
      };
      return span ? span('rapport.job.run', { 'rapport.job': job }, run) : run();
    },
  };
}
