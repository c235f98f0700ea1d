import { type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { ScorecardRecord } from '../entities/scorecard.js';
import { closesOf } from '../evaluation/load-scorecard.js';
import type { BscOptions } from '../options.js';
import { periodAt, shiftPeriod } from '../periods/period.js';
import { findAll } from '../util/find-all.js';
import { closePeriod } from './close-period.js';

/** What one run of the close job did. */
export interface CloseDueReport {
  /** `scorecardId:period` of each period closed by this run. */
  closed: string[];
  /** Scorecards whose close failed this run (retried on the next), with the reason. */
  failed: Array<{ scorecardId: string; period: string; message: string }>;
}

/**
 * Closes, for every active scorecard, the latest period that has ended in its zone, when it is not
 * closed yet and the scorecard existed before it ended (earlier periods are closed on demand).
 * Re-running it is harmless: a closed period is left as it is.
 */
export async function closeDuePeriods(kernel: Kernel, options: BscOptions): Promise<CloseDueReport> {
  const report: CloseDueReport = { closed: [], failed: [] };
  const now = kernel.clock.now();
  const scorecards = (await findAll(kernel.data('scorecard', { actor: SYSTEM_ACTOR }), {
    status: 'active',
  })) as ScorecardRecord[];
  for (const scorecard of scorecards) {
    const last = shiftPeriod(periodAt(now, scorecard.periodKind, scorecard.timeZone), -1, scorecard.timeZone);
    if (Date.parse(scorecard.createdAt) >= last.to) continue;
    if ((await closesOf(kernel, scorecard.id, [last.key])).has(last.key)) continue;
    try {
      const { closedNow } = await closePeriod(kernel, options, {
        scorecardId: scorecard.id,
        period: last.key,
      });
      if (closedNow) report.closed.push(`${scorecard.id}:${last.key}`);
    } catch (error) {
      report.failed.push({ scorecardId: scorecard.id, period: last.key, message: (error as Error).message });
    }
  }
  return report;
}
