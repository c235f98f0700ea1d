import { DateTime } from 'luxon';
import type { ExpiryPolicy } from '../entities/programme.js';

/**
 * When points earned at `at` (epoch ms) expire under `policy`, as an ISO instant; calendar
 * arithmetic in `timeZone`, so "12 months" keeps the wall-clock time across a DST change.
 * `undefined` for `never`.
 */
export function expiryOf(policy: ExpiryPolicy, at: number, timeZone: string): string | undefined {
  const local = DateTime.fromMillis(at, { zone: timeZone });
  if (policy.kind === 'never') return undefined;
  const end =
    policy.kind === 'months'
      ? local.plus({ months: policy.months })
      : local.startOf('year').plus({ years: 2 });
  return end.toUTC().toISO() as string;
}
