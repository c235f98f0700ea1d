import type { JobContext } from '@rapport/core';
import { CAMPAIGNS } from './service.js';

/** The `campaigns.dispatch` job: launches due scheduled campaigns and advances running ones. */
export async function runDispatchJob(job: JobContext): Promise<void> {
  const reports = await job.resolve(CAMPAIGNS).dispatch();
  for (const report of reports) {
    if (report.frozen + report.queued + report.excluded > 0) job.logger.info(report, 'campaign advanced');
  }
}

/** The `campaigns.care` job: sends the care messages due at this local hour. */
export async function runCareJob(job: JobContext): Promise<void> {
  const report = await job.resolve(CAMPAIGNS).care();
  if (report.sent + report.refused > 0) job.logger.info(report, 'care messages');
}
