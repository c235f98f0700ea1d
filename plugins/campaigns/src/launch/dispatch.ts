import { ConflictError, isoTime, SYSTEM_ACTOR } from '@rapport/core';
import type { Campaign, CampaignRecord } from '../entities/campaign.js';
import type { CampaignMember, CampaignMemberRecord } from '../entities/campaign-member.js';
import type { CampaignsRuntime } from '../runtime.js';
import { memberCounts } from './counts.js';
import { freezeBatch } from './freeze.js';
import { sendToMember } from './send-member.js';

/** What one run of a campaign did. */
export interface RunReport {
  campaignId: string;
  frozen: number;
  queued: number;
  excluded: number;
  status: Campaign['status'];
}

/** Thrown when a campaign's counts do not add up to its audience: it is left running, and logged. */
export class CountMismatchError extends ConflictError {}

/**
 * Advances a running campaign by up to `maxBatches` batches: freezes the audience batch by batch
 * (see {@link freezeBatch}), then sends to the members still `targeted` outside the control
 * group, batch by batch (see {@link sendToMember}) — their status is the checkpoint, so a resumed
 * run starts exactly where the last committed member left off. Completes the campaign only when
 * nobody is left `targeted` outside the control group and the counts by status add up to the
 * audience. Safe to run from several processes at once: every write is version-checked.
 */
export async function runCampaign(
  runtime: CampaignsRuntime,
  campaignId: string,
  maxBatches = runtime.options.batchesPerRun,
): Promise<RunReport> {
  const { kernel, options } = runtime;
  const campaigns = kernel.data<Campaign>('campaign', { actor: SYSTEM_ACTOR });
  const members = kernel.data<CampaignMember>('campaignMember', { actor: SYSTEM_ACTOR });
  const report: RunReport = { campaignId, frozen: 0, queued: 0, excluded: 0, status: 'running' };
  let campaign = (await campaigns.get(campaignId)) as CampaignRecord;
  for (let batch = 0; batch < maxBatches && campaign.status === 'running'; batch += 1) {
    if (campaign.phase === 'freezing') {
      const before = campaign.audienceSize ?? 0;
      try {
        campaign = await freezeBatch(runtime, campaign);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        campaign = (await campaigns.get(campaignId)) as CampaignRecord; // another process froze it
      }
      report.frozen += (campaign.audienceSize ?? 0) - before;
      continue;
    }
    const { items } = await members.find({
      where: { campaignId, status: 'targeted', control: false },
      sort: ['id'],
      limit: options.batchSize,
    });
    for (const member of items) {
      const outcome = await sendToMember(runtime, campaign, member as CampaignMemberRecord);
      if (outcome === 'queued') report.queued += 1;
      if (outcome === 'excluded') report.excluded += 1;
    }
    if (items.length < options.batchSize) {
      campaign = await complete(runtime, campaign);
      break;
    }
    campaign = (await campaigns.get(campaignId)) as CampaignRecord;
  }
  report.status = campaign.status;
  return report;
}

/** Completes a campaign whose members are all handled, with counts that add up to the audience. */
async function complete(runtime: CampaignsRuntime, campaign: CampaignRecord): Promise<CampaignRecord> {
  const { kernel } = runtime;
  const { total, ...counts } = await memberCounts(
    kernel.data<CampaignMember>('campaignMember', { actor: SYSTEM_ACTOR }),
    campaign.id,
  );
  if (counts.targeted > 0) return campaign; // a member appeared meanwhile: the next run sends to it
  const handled = Object.values(counts).reduce((sum, n) => sum + n, 0);
  if (total !== campaign.audienceSize || handled !== total) {
    throw new CountMismatchError(
      `campaign '${campaign.name}' has ${total} members (${handled} counted by status) but an audience of ${campaign.audienceSize}: it stays running`,
      {
        details: {
          kind: 'state',
          entity: 'campaign',
          id: campaign.id,
          total,
          handled,
          audience: campaign.audienceSize,
        },
      },
    );
  }
  const campaigns = kernel.data<Campaign>('campaign', { actor: SYSTEM_ACTOR });
  try {
    return (await campaigns.update(
      campaign.id,
      { status: 'completed', phase: 'done', completedAt: isoTime(kernel.clock.now()), counts },
      { expectedVersion: campaign.version },
    )) as CampaignRecord;
  } catch (error) {
    if (error instanceof ConflictError) return (await campaigns.get(campaign.id)) as CampaignRecord;
    throw error;
  }
}
