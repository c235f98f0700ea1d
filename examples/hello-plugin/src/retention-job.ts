import { isoTime, type JobContext, type RegisterContext } from '@rapport/core';
import type { HelloOptions } from './options.js';

const DAY_MS = 86_400_000;
/** Most greetings one run deletes; the next run takes the rest. */
const BATCH = 500;

/**
 * An interval job: every `retentionEvery` (slots aligned to the epoch, one process at a time),
 * delete the greetings older than `retentionDays`, oldest first, at most {@link BATCH} a run.
 */
export function registerRetention(ctx: RegisterContext<HelloOptions>): void {
  const { retentionDays, retentionEvery } = ctx.options;
  ctx.jobs.every('hello.retention', retentionEvery, async (job: JobContext) => {
    const before = isoTime(job.slotStart - retentionDays * DAY_MS);
    const greetings = job.data('greeting');
    const { items } = await greetings.find({
      where: { createdAt: { lt: before } },
      sort: ['createdAt'],
      limit: BATCH,
    });
    for (const greeting of items) await greetings.delete(greeting.id);
    if (items.length > 0)
      job.logger.info({ deleted: items.length, before }, 'hello.retention: old greetings deleted');
  });
}
