import { DateTime } from 'luxon';
import type { KpiRecord } from '../entities/kpi.js';
import { type Period, periodsSince } from '../periods/period.js';

/**
 * A KPI's target for a period: the period's own target when it has one, else the base target
 * plus `targetRise` for each period since the one holding `targetFrom` (default: the KPI's
 * creation); never less than the base before that period (a rise counts forward only).
 */
export function targetFor(kpi: KpiRecord, period: Period, zone: string): number {
  const own = kpi.targets?.find((target) => target.period === period.key);
  if (own) return own.value;
  const rise = kpi.targetRise ?? 0;
  if (rise === 0) return kpi.target;
  const start = kpi.targetFrom
    ? DateTime.fromISO(kpi.targetFrom, { zone }).toMillis()
    : Date.parse(kpi.createdAt);
  return kpi.target + rise * Math.max(0, periodsSince(start, period, zone));
}
