import { isoTime, type MetricPeriod } from '@rapport/core';

/** The period as a where range on a time field: `[from, to)`. */
export const periodRange = (period: MetricPeriod) => ({ gte: isoTime(period.from), lt: isoTime(period.to) });

/** Rounds to two decimals (half away from zero is fine for a display figure). */
export const round2 = (value: number) => Math.round(value * 100) / 100;

/** `part / whole` to two decimals; null when the whole is 0 (nothing to measure). */
export const share = (part: number, whole: number) => (whole === 0 ? null : round2(part / whole));
