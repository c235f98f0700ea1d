import type { Interval } from './business-calendar.js';

/** One entry of a ticket's status history: it entered `status` at `at` (epoch ms). */
export interface StatusMark {
  status: string;
  at: number;
}

/**
 * The intervals the history spent in any of `statuses`, as [entered, left) — the last one open
 * (`to: Infinity`) when the ticket is still in such a status. The history is sorted by `at` first,
 * so a late or corrected entry gives the same answer as live tracking.
 */
export function intervalsIn(history: readonly StatusMark[], statuses: ReadonlySet<string>): Interval[] {
  const sorted = [...history].sort((a, b) => a.at - b.at);
  const intervals: Interval[] = [];
  let since: number | undefined;
  for (const mark of sorted) {
    const inside = statuses.has(mark.status);
    if (inside && since === undefined) since = mark.at;
    else if (!inside && since !== undefined) {
      if (mark.at > since) intervals.push({ from: since, to: mark.at });
      since = undefined;
    }
  }
  if (since !== undefined) intervals.push({ from: since, to: Number.POSITIVE_INFINITY });
  return intervals;
}

/** The status the history ends in (the latest entry), or undefined for an empty history. */
export function currentStatus(history: readonly StatusMark[]): StatusMark | undefined {
  let latest: StatusMark | undefined;
  for (const mark of history) if (!latest || mark.at >= latest.at) latest = mark;
  return latest;
}
