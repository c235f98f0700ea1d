import type { Logger } from 'pino';
import type { TransactionRunner } from '../data/transaction-runner.js';
import { OUTBOX_COLLECTION, type OutboxRow } from '../events/outbox-collection.js';
import type { WhereNode } from '../query/types.js';
import type { Clock } from '../util/clock.js';
import type { Telemetry } from './telemetry.js';

const withStatus = (status: OutboxRow['status']): WhereNode => ({
  kind: 'cmp',
  field: 'status',
  op: 'eq',
  value: status,
});

/**
 * The outbox's gauges, read from the store on each scrape (so every process sharing a store
 * reports the same backlog): events waiting for delivery, events parked as dead letters, and the
 * lag — the age in seconds of the oldest event still waiting (0 when none waits), on the kernel
 * clock. A store that cannot answer leaves the gauges at their last value and logs why.
 */
export function observeOutbox(
  telemetry: Telemetry,
  deps: { runner: TransactionRunner; clock: Clock; logger: Logger },
): void {
  const { runner, clock, logger } = deps;
  const safely = async (what: string, read: () => Promise<void>): Promise<void> => {
    try {
      await read();
    } catch (error) {
      logger.warn({ err: error, metric: what }, 'could not read the outbox for a metric');
    }
  };
  const countOf = (name: string, help: string, status: OutboxRow['status']) =>
    telemetry.gauge({
      name,
      help,
      async collect() {
        await safely(name, async () =>
          this.set(await runner.read((tx) => tx.count(OUTBOX_COLLECTION, withStatus(status)))),
        );
      },
    });
  countOf(
    'rapport_outbox_pending_events',
    'Events in the outbox waiting for delivery (including retries).',
    'pending',
  );
  countOf(
    'rapport_outbox_dead_events',
    'Dead letters: events whose handler kept failing until it was given up on.',
    'dead',
  );
  telemetry.gauge({
    name: 'rapport_outbox_lag_seconds',
    help: 'Age of the oldest event waiting for delivery, in seconds (0 when none waits).',
    async collect() {
      await safely('rapport_outbox_lag_seconds', async () => {
        // Ids are time-ordered (UUIDv7), so the first by id is the oldest, found on the primary
        // key's index rather than by sorting a backlog.
        const [oldest] = (await runner.read((tx) =>
          tx.find(OUTBOX_COLLECTION, {
            where: withStatus('pending'),
            sort: [{ field: 'id', direction: 'asc' }],
            limit: 1,
          }),
        )) as OutboxRow[];
        this.set(oldest ? Math.max(0, (clock.now() - Date.parse(oldest.occurredAt)) / 1_000) : 0);
      });
    },
  });
}
