import {
  calendarPeriod,
  count,
  date,
  defineEntity,
  isoTime,
  type JobContext,
  previousPeriod,
  type RegisterContext,
} from '@rapport/core';

/** How many greetings went out on one local day. */
export interface GreetingDigest {
  /** The local date `YYYY-MM-DD` the digest counts. */
  day: string;
  count: number;
}

/** The `greetingDigest` entity: one record a day, written by the `hello.dailyDigest` job. */
export const GreetingDigestEntity = defineEntity<GreetingDigest>({
  name: 'greetingDigest',
  plural: 'greetingDigests',
  description: 'Greetings sent on one local day, counted the next morning.',
  schema: {
    type: 'object',
    properties: {
      day: date,
      count,
    },
    required: ['day', 'count'],
  },
  indexes: [{ fields: ['day'], unique: true }],
});

/** The cron expression of the digest: 08:00 every day, on the wall clock of its time zone. */
export const DAILY_DIGEST_CRON = '0 8 * * *';

/** Counts the greetings of the local day before the run's scheduled instant. */
async function writeDigest(job: JobContext): Promise<void> {
  const yesterday = previousPeriod(calendarPeriod(job.slotStart, 'day', job.timeZone));
  const count = await job.data('greeting').count({
    createdAt: { gte: isoTime(yesterday.from), lt: isoTime(yesterday.to) },
  });
  await job.data<GreetingDigest>('greetingDigest').create({ day: yesterday.label, count });
}

/**
 * A calendar job: at 08:00 in `timeZone` (the deployment's when not given) write yesterday's
 * digest. It runs once a day across processes, at 08:00 on daylight-saving days too, and once
 * after downtime (for the latest morning missed).
 */
export function registerDailyDigest(ctx: RegisterContext<{ digestTimeZone?: string }>): void {
  ctx.entities.define(GreetingDigestEntity);
  const { digestTimeZone } = ctx.options;
  ctx.jobs.cron(
    'hello.dailyDigest',
    DAILY_DIGEST_CRON,
    writeDigest,
    digestTimeZone ? { timeZone: digestTimeZone } : undefined,
  );
}
