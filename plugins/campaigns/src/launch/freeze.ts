import { SYSTEM_ACTOR, type Where } from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import type { Campaign, CampaignRecord } from '../entities/campaign.js';
import type { CampaignMember } from '../entities/campaign-member.js';
import type { CampaignsRuntime } from '../runtime.js';
import { audienceWhere, narrowBatch } from './audience.js';
import { inControl } from './control-draw.js';

/**
 * Freezes one batch of the audience into members: the next `batchSize` customers by id after the
 * checkpoint (`frozenThrough`) that match the audience and existed at launch (`audienceCutoff`,
 * listmonk's high-water mark), each drawn into the control group or not. The members and the
 * new checkpoint are written in one transaction, version-checked on the campaign: a crash
 * loses the batch whole, and two processes never freeze the same batch (the loser's write is a
 * conflict and rolls back; the unique (campaign, customer) index backs that up).
 * Answers the campaign as it is after the batch (phase `sending` once the audience is frozen).
 */
export async function freezeBatch(
  runtime: CampaignsRuntime,
  campaign: CampaignRecord,
): Promise<CampaignRecord> {
  const { kernel, options } = runtime;
  const parts: Where[] = [
    ...(await audienceWhere(kernel, campaign.audience)),
    { createdAt: { lte: campaign.audienceCutoff as string } },
  ];
  if (campaign.frozenThrough) parts.push({ id: { gt: campaign.frozenThrough } });
  const page = await kernel
    .data<Customer>('customer', { actor: SYSTEM_ACTOR })
    .find({ where: { and: parts }, sort: ['id'], limit: options.batchSize, fields: ['id'] });
  const ids = page.items.map((c) => c.id);
  const kept = await narrowBatch(kernel, campaign.audience, ids, runtime.installed.loyalty);
  const seed = campaign.drawSeed as string;
  const share = campaign.controlShare ?? 0;
  const last = ids.at(-1);
  const done = ids.length < options.batchSize;
  const at = campaign.launchedAt as string;
  return kernel.transaction(async (tx) => {
    const members = tx.data<CampaignMember>('campaignMember', { actor: SYSTEM_ACTOR });
    let added = 0;
    for (const customerId of ids) {
      if (!kept.has(customerId)) continue;
      const control = inControl(seed, customerId, share);
      await members.create({
        campaignId: campaign.id,
        customerId,
        control,
        status: 'targeted',
        ...(control ? { touchAt: at } : {}),
      });
      added += 1;
    }
    return (await tx.data<Campaign>('campaign', { actor: SYSTEM_ACTOR }).update(
      campaign.id,
      {
        ...(last ? { frozenThrough: last } : {}),
        audienceSize: (campaign.audienceSize ?? 0) + added,
        ...(done ? { phase: 'sending' as const } : {}),
      },
      { expectedVersion: campaign.version },
    )) as CampaignRecord;
  });
}
