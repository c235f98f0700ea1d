import type { JobContext } from '@rapport/core';
import { CAMPAIGNS } from './service.js';

/** The `campaigns.dispatch` job: launches due scheduled campaigns and advances running ones. */
export async function runDispatchJob(job: JobContext): Promise<void> {
  const reports = await job.resolve(CAMPAIGNS).dispatch();
  for (const report of reports) {
    if (report.frozen + report.queued + report.excluded > 0) job.logger.info(report, 'campaign advanced');
  }
}
