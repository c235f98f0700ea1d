import { enumOf, isoTime, type MetricDefinition, type MetricPeriod } from '@rapport/core';
import { GREETING_CHANNELS } from './greeting-entity.js';

const createdIn = (period: MetricPeriod) => ({
  createdAt: { gte: isoTime(period.from), lt: isoTime(period.to) },
});

/**
 * The plugin's metrics, each over a period [from, to):
 * - `hello.greetingsSent` (as the caller: a greeter counts their own greetings), narrowed by an
 *   optional `channel` parameter;
 * - `hello.averageRating`: the mean stars of the greetings rated in the period, company-wide, so
 *   computed as the system and readable only with `greeting:report`; null when none was rated.
 */
export const helloMetrics: MetricDefinition[] = [
  {
    id: 'hello.greetingsSent',
    unit: 'count',
    better: 'higher',
    description: 'Greetings written in the period.',
    parameters: { properties: { channel: enumOf(GREETING_CHANNELS) } },
    compute: (period, metric) =>
      metric.data('greeting').count({
        ...createdIn(period),
        ...(metric.params.channel === undefined ? {} : { channel: metric.params.channel }),
      }),
  },
  {
    id: 'hello.averageRating',
    unit: 'stars',
    better: 'higher',
    description: 'Mean rating (1–5) of the greetings rated in the period.',
    access: { permission: 'greeting:report' },
    compute: async (period, metric) => {
      const [row] = await metric.data('greeting').aggregate({
        where: { ratedAt: { gte: isoTime(period.from), lt: isoTime(period.to) } },
        measures: { n: 'count', stars: 'sum:rating' },
      });
      const n = Number(row?.n ?? 0);
      return n === 0 ? null : Math.round((Number(row?.stars ?? 0) / n) * 100) / 100;
    },
  },
];
