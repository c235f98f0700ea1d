import { isoTime } from '../util/clock.js';
import type { MetricPeriod } from './metrics-registry.js';

/**
 * A metric period as a `where` range on a date-time field: `[from, to)`.
 *
 * @example
 * ```ts
 * compute: (period, m) => m.data('deal').count({ closedAt: periodWhere(period) })
 * ```
 */
export const periodWhere = (period: MetricPeriod): { gte: string; lt: string } => ({
  gte: isoTime(period.from),
  lt: isoTime(period.to),
});

/** `part / whole`, or `null` when the whole is 0: a rate with nothing to measure has no value, not 0. */
export const ratioOrNull = (part: number, whole: number): number | null =>
  whole === 0 ? null : part / whole;
