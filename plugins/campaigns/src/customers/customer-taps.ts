import { findAll, type RegisterContext } from '@rapport/core';
import {
  CUSTOMER_HOOKS,
  type MergeRequest,
  type ProfileRequest,
  type TimelineItem,
  type TimelineRequest,
  timelineWhere,
} from '@rapport/plugin-customers';
import type { Campaign } from '../entities/campaign.js';
import type { CampaignMember, CampaignMemberRecord } from '../entities/campaign-member.js';
import type { Interest } from '../entities/interest.js';
import type { CampaignsOptions } from '../options.js';
import { CAMPAIGNS_PLUGIN_ID } from '../plugin-id.js';

async function campaignNames(read: TimelineRequest['data'], ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const found = await findAll(read<Campaign>('campaign'), {
    where: { id: { in: unique } },
    fields: ['name'],
  });
  return new Map(found.map((c) => [c.id, c.name]));
}

/** The campaign touches of a customer (members outside the control group), newest first. */
async function touches(request: TimelineRequest): Promise<TimelineItem[]> {
  if (!request.canRead('campaignMember') || !request.canRead('campaign')) return [];
  const page = await request.data<CampaignMember>('campaignMember').find({
    where: { customerId: request.customerId, control: false, ...timelineWhere('touchAt', request.before) },
    sort: ['-touchAt', '-id'],
    limit: request.limit,
  });
  const members = page.items as CampaignMemberRecord[];
  const names = await campaignNames(
    request.data,
    members.map((m) => m.campaignId),
  );
  return members.map((member) => ({
    id: member.id,
    at: member.touchAt as string,
    source: CAMPAIGNS_PLUGIN_ID,
    type: member.status === 'excluded' ? 'campaign.excluded' : 'campaign.touch',
    title: `Campaign: ${names.get(member.campaignId) ?? member.campaignId}`,
    summary:
      member.status === 'excluded'
        ? `not sent: ${member.reason?.message ?? member.reason?.code ?? 'excluded'}`
        : `${member.channel ?? 'message'}, ${member.status}`,
    ...(member.channel ? { channel: member.channel, direction: 'outbound' } : {}),
    ref: { entity: 'campaignMember', id: member.id },
    data: {
      campaignId: member.campaignId,
      status: member.status,
      ...(member.reason ? { reason: member.reason } : {}),
    },
  }));
}

/** The Promotion part: the campaigns that reached the customer and how they responded; the topics they follow. */
async function promotion(request: ProfileRequest): Promise<void> {
  const members = (await findAll(request.data<CampaignMember>('campaignMember'), {
    where: { customerId: request.customerId },
    sort: ['-touchAt'],
  })) as CampaignMemberRecord[];
  const names = await campaignNames(
    request.data,
    members.map((m) => m.campaignId),
  );
  const rows = members.slice(0, 20).map((m) => ({
    campaign: names.get(m.campaignId) ?? m.campaignId,
    campaignId: m.campaignId,
    control: m.control,
    status: m.status,
    ...(m.touchAt ? { at: m.touchAt } : {}),
    ...(m.convertedAt ? { convertedAt: m.convertedAt } : {}),
  }));
  const topics = request.canRead('campaignInterest')
    ? (
        await findAll(request.data<Interest>('campaignInterest'), {
          where: { customerId: request.customerId },
        })
      ).map((i) => ({ topic: i.topic, source: i.source, via: i.via, ...(i.rule ? { rule: i.rule } : {}) }))
    : [];
  if (rows.length === 0 && topics.length === 0) return;
  const reached = rows.filter((r) => !r.control && r.status !== 'excluded' && r.status !== 'targeted');
  const responded = reached.filter((r) => ['clicked', 'responded', 'converted'].includes(r.status));
  request.contribute('promotion', {
    source: CAMPAIGNS_PLUGIN_ID,
    summary: `${reached.length} campaign(s) reached them, ${responded.length} with a response; follows ${topics.map((t) => t.topic).join(', ') || 'no topic'}`,
    data: { campaigns: rows, topics },
  });
}

/** Moves `entity` records of the merged customer to the survivor, dropping those a unique `key` already has. */
async function moveUnique<T extends { customerId: string }>(
  request: MergeRequest,
  entity: string,
  key: (record: T) => string,
): Promise<void> {
  const repo = request.write.system<T>(entity);
  const kept = new Set(
    (await findAll(repo, { where: { customerId: request.survivorId } })).map((r) => key(r as unknown as T)),
  );
  let moved = 0;
  for (const record of await findAll(repo, { where: { customerId: request.mergedId } })) {
    if (kept.has(key(record as unknown as T))) {
      if (entity === 'campaignInterest') await repo.delete(record.id);
      continue; // a member of a campaign both were in stays with the merged id: the audience count holds
    }
    await repo.update(record.id, { customerId: request.survivorId } as Partial<T>, {
      expectedVersion: record.version,
    });
    moved += 1;
  }
  request.moved(entity, moved);
}

/**
 * What campaigns adds to the customers plugin: campaign touches on the timeline, the Promotion
 * part of the 7P profile (campaigns that reached the customer, responses, topics followed), read as
 * the caller; and a merge moving members, interests, conversions and care sends to the survivor.
 */
export function tapCustomerHooks(ctx: RegisterContext<CampaignsOptions>): void {
  const hooks = ctx.hooks.get(CUSTOMER_HOOKS);
  hooks.timeline.tapPromise(CAMPAIGNS_PLUGIN_ID, async (request) => request.add(await touches(request)));
  hooks.profile.tapPromise(CAMPAIGNS_PLUGIN_ID, async (request) => {
    if (request.canRead('campaignMember') && request.canRead('campaign')) await promotion(request);
  });
  hooks.merge.tapPromise(CAMPAIGNS_PLUGIN_ID, async (request) => {
    await moveUnique<CampaignMember>(request, 'campaignMember', (m) => m.campaignId);
    await moveUnique<Interest>(request, 'campaignInterest', (i) => i.topic);
    await request.moveReferences('campaignConversion');
    await moveUnique<{ customerId: string; ruleId: string; occasion: string }>(
      request,
      'careSend',
      (s) => `${s.ruleId}:${s.occasion}`,
    );
  });
}
