import type { JobContext } from '@rapport/core';
import { SALES } from '../service.js';

/** The `sales.timeRules` job: runs the time-triggered automation rules, logging what fired. */
export async function runTimeRulesJob(job: JobContext): Promise<void> {
  const report = await job.resolve(SALES).runTimeRules();
  if (report.fired > 0) job.logger.info(report, 'time-triggered sales rules fired');
}
