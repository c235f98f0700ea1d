import type { Repository } from './repository.js';

/** What {@link sweepDue} needs: the queue's repository, its states and times, and the work per record. */
export interface SweepDueOptions {
  /** A repository of the queue's entity (acting as the system). */
  records: Repository;
  /** The status of records waiting for an attempt, and the field of when they are due (default `queued`, `nextAttemptAt`). */
  waiting?: { status: string; dueField: string };
  /** The status of records a process took, and the field its lease ends at (default `sending`, `leaseUntil`). */
  taken?: { status: string; leaseField: string };
  /** Now, as an ISO time (re-read per batch). */
  now(): string;
  /** Handles one record; resolves when done (it must not throw for a single bad record). */
  work(id: string): Promise<void>;
  /** Records per batch of each kind (default 200) and batches at most (default 50). */
  batch?: number;
  maxBatches?: number;
}

/**
 * The sweep of a queue kept in the store: hands every record that is due to `work`, a batch at
 * a time — waiting ones whose time has come (retries, deferrals), and taken ones whose lease ran
 * out (a process stopped mid-attempt) — and answers how many it looked at. The messaging and
 * webhooks deliveries use it; `work` claims each record itself, so several processes may sweep.
 *
 * @example
 * ```ts
 * await sweepDue({
 *   records: kernel.data('message', { actor: SYSTEM_ACTOR }),
 *   now: () => isoTime(kernel.clock.now()),
 *   work: (id) => dispatcher.deliver(id),
 * });
 * ```
 */
export async function sweepDue(options: SweepDueOptions): Promise<number> {
  const { records } = options;
  const waiting = options.waiting ?? { status: 'queued', dueField: 'nextAttemptAt' };
  const taken = options.taken ?? { status: 'sending', leaseField: 'leaseUntil' };
  const batch = options.batch ?? 200;
  let seen = 0;
  for (let round = 0; round < (options.maxBatches ?? 50); round += 1) {
    const now = options.now();
    const [due, lost] = await Promise.all([
      records.find({
        where: { status: waiting.status, [waiting.dueField]: { lte: now } },
        sort: [waiting.dueField, 'id'],
        limit: batch,
        fields: ['id'],
      }),
      records.find({
        where: { status: taken.status, [taken.leaseField]: { lte: now } },
        sort: [taken.leaseField, 'id'],
        limit: batch,
        fields: ['id'],
      }),
    ]);
    const ids = [...due.items, ...lost.items].map((item) => (item as { id: string }).id);
    if (ids.length === 0) return seen;
    seen += ids.length;
    await Promise.all(ids.map((id) => options.work(id)));
    if (due.items.length < batch && lost.items.length < batch) return seen;
  }
  return seen;
}
