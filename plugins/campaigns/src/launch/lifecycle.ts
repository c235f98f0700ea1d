import { type Actor, ConflictError, fieldError, isoTime, SYSTEM_ACTOR } from '@rapport/core';
import type { MessageTemplate } from '@rapport/plugin-messaging';
import type { Campaign, CampaignRecord } from '../entities/campaign.js';
import type { CampaignsRuntime } from '../runtime.js';
import type { CampaignStatus } from '../vocabulary.js';
import { audienceWhere } from './audience.js';
import { newSeed } from './control-draw.js';

async function readAs(runtime: CampaignsRuntime, actor: Actor, id: string): Promise<CampaignRecord> {
  return (await runtime.kernel.data<Campaign>('campaign', { actor }).get(id)) as CampaignRecord;
}

function refuse(campaign: CampaignRecord, wanted: CampaignStatus, allowed: readonly CampaignStatus[]): void {
  const status = campaign.status ?? 'draft';
  if (!allowed.includes(status)) {
    throw ConflictError.state(
      `a ${status} campaign cannot be ${wanted === 'running' ? 'launched' : wanted}`,
      {
        entity: 'campaign',
        id: campaign.id,
        status,
        wanted,
      },
    );
  }
}

/** Checks what a launch needs: every channel's template exists for its channel, the segment exists. */
async function checkLaunchable(runtime: CampaignsRuntime, campaign: CampaignRecord): Promise<void> {
  const templates = runtime.kernel.data<MessageTemplate>('messageTemplate', { actor: SYSTEM_ACTOR });
  for (const [index, { channel, templateKey }] of campaign.channels.entries()) {
    const found = await templates.count({ key: templateKey, channel });
    if (found === 0) {
      throw fieldError(
        'campaign',
        `channels.${index}.templateKey`,
        'campaigns.template',
        `names no ${channel} template '${templateKey}' (create it in messaging first)`,
      );
    }
  }
  await audienceWhere(runtime.kernel, campaign.audience);
}

/**
 * Moves a campaign's status as the system after checking the caller (`campaign:launch`, and
 * able to read it) and the status it is in, version-checked against the copy the caller read.
 */
async function transition(
  runtime: CampaignsRuntime,
  actor: Actor,
  id: string,
  wanted: CampaignStatus,
  allowed: readonly CampaignStatus[],
  patch: (campaign: CampaignRecord) => Promise<Partial<Campaign>>,
): Promise<CampaignRecord> {
  runtime.kernel.access.assert(actor, 'campaign', 'launch');
  const campaign = await readAs(runtime, actor, id);
  refuse(campaign, wanted, allowed);
  const changes = await patch(campaign);
  return (await runtime.kernel
    .data<Campaign>('campaign', { actor: SYSTEM_ACTOR })
    .update(
      campaign.id,
      { ...changes, status: wanted },
      { expectedVersion: campaign.version },
    )) as CampaignRecord;
}

/** Schedules a draft campaign to launch at its `startAt` (needs `campaign:launch`). */
export function scheduleCampaign(
  runtime: CampaignsRuntime,
  actor: Actor,
  id: string,
): Promise<CampaignRecord> {
  return transition(runtime, actor, id, 'scheduled', ['draft'], async (campaign) => {
    if (!campaign.startAt)
      throw fieldError('campaign', 'startAt', 'required', 'is needed to schedule a campaign');
    await checkLaunchable(runtime, campaign);
    return {};
  });
}

/** Takes a scheduled campaign back to draft. */
export function unscheduleCampaign(
  runtime: CampaignsRuntime,
  actor: Actor,
  id: string,
): Promise<CampaignRecord> {
  return transition(runtime, actor, id, 'draft', ['scheduled'], async () => ({}));
}

/**
 * Launches a draft or scheduled campaign: records the launch instant as the audience's cutoff
 * and the seed of the control draw (the campaign's own, else a fresh random one), and makes it
 * `running` in phase `freezing`; the dispatch job (or {@link runCampaign}) does the rest.
 * Two concurrent launches: one wins, the other is a 409.
 */
export function launchCampaign(runtime: CampaignsRuntime, actor: Actor, id: string): Promise<CampaignRecord> {
  return transition(runtime, actor, id, 'running', ['draft', 'scheduled'], async (campaign) => {
    await checkLaunchable(runtime, campaign);
    const now = isoTime(runtime.kernel.clock.now());
    return {
      phase: 'freezing',
      drawSeed: campaign.seed ?? newSeed(),
      audienceCutoff: now,
      launchedAt: now,
      launchedBy: actor.id,
      audienceSize: 0,
    };
  });
}

/** Cancels a campaign that has not completed; members already sent to stay as they are. */
export function cancelCampaign(runtime: CampaignsRuntime, actor: Actor, id: string): Promise<CampaignRecord> {
  return transition(runtime, actor, id, 'cancelled', ['draft', 'scheduled', 'running'], async () => ({
    cancelledAt: isoTime(runtime.kernel.clock.now()),
  }));
}
