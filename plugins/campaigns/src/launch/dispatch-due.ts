import { isoTime, SYSTEM_ACTOR } from '@rapport/core';
import type { Campaign } from '../entities/campaign.js';
import type { CampaignsRuntime } from '../runtime.js';
import { type RunReport, runCampaign } from './dispatch.js';
import { launchCampaign } from './lifecycle.js';

/**
 * The dispatch job's work: launches the scheduled campaigns whose `startAt` has come (as the
 * system), then advances every running campaign by one run. A crash or a restart simply
 * resumes here: everything a run needs is in the store.
 */
export async function dispatchDue(runtime: CampaignsRuntime): Promise<RunReport[]> {
  const { kernel } = runtime;
  const campaigns = kernel.data<Campaign>('campaign', { actor: SYSTEM_ACTOR });
  const now = isoTime(kernel.clock.now());
  const due = await campaigns.find({ where: { status: 'scheduled', startAt: { lte: now } }, limit: 100 });
  for (const campaign of due.items) await launchCampaign(runtime, SYSTEM_ACTOR, campaign.id);
  const running = await campaigns.find({ where: { status: 'running' }, sort: ['launchedAt'], limit: 100 });
  const reports: RunReport[] = [];
  for (const campaign of running.items) reports.push(await runCampaign(runtime, campaign.id));
  return reports;
}
