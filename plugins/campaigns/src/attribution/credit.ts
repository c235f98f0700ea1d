import { ConflictError, isoTime, type Repository } from '@rapport/core';
import type { Money } from '@rapport/plugin-customers';
import type { Campaign, CampaignRecord } from '../entities/campaign.js';
import type { CampaignMember, CampaignMemberRecord } from '../entities/campaign-member.js';
import type { Conversion, ConversionRecord } from '../entities/conversion.js';
import { advanceMember } from '../tracking/advance-member.js';
import { type ConversionKind, type CreditRule, REACHED_STATUSES } from '../vocabulary.js';

const DAY = 86_400_000;
/** How far back a conversion looks for touches: the longest attribution window allowed. */
const LOOK_BACK = 365 * DAY;

/** A lead, deal or order that may be a campaign's conversion. */
export interface ConversionFacts {
  kind: ConversionKind;
  recordId: string;
  customerId?: string;
  /** When it happened (ms). */
  at: number;
  revenue?: Money;
  /** The campaign code it quotes. */
  code?: string;
}

/** Repositories inside the write's transaction, acting as the system. */
export type SystemData = <T>(entity: string) => Repository<T>;

function windowEnd(campaign: Campaign, touchAt: string, defaultDays: number): number {
  return Date.parse(touchAt) + (campaign.attributionDays ?? defaultDays) * DAY;
}

/**
 * Links a conversion to campaigns, in the write's transaction:
 *
 * 1. **Credit, once.** The conversion is credited to one campaign — the one whose `code` it
 *    quotes (rule `code`, from launch until the window after it ends); else the campaign that
 *    last reached the customer with a message (queued or further) within that campaign's
 *    attribution window (`last-touch`); else the control group the customer was last drawn into
 *    within its window (`control`: counted, never as revenue). The `campaignConversion` record is
 *    unique on (kind, record), so a redelivered event or a second write credits nothing more.
 * 2. **Outcome, for every arm.** Every member of the customer — treated or control, of any
 *    campaign — whose window covers the instant gets `convertedAt` (the first) and the revenue
 *    added, so each campaign's lift compares like with like however the credit went.
 */
export async function recordConversion(
  system: SystemData,
  facts: ConversionFacts,
  defaultDays: number,
): Promise<ConversionRecord | undefined> {
  const campaigns = system<Campaign>('campaign');
  const members = system<CampaignMember>('campaignMember');
  const touches = facts.customerId
    ? ((
        await members.find({
          where: {
            customerId: facts.customerId,
            touchAt: { gte: isoTime(facts.at - LOOK_BACK), lte: isoTime(facts.at) },
          },
          sort: ['-touchAt'],
          limit: 100,
        })
      ).items as CampaignMemberRecord[])
    : [];
  const campaignOf = new Map<string, CampaignRecord>();
  const load = async (id: string) => {
    let campaign = campaignOf.get(id);
    if (!campaign) {
      campaign = (await campaigns.get(id)) as CampaignRecord;
      campaignOf.set(id, campaign);
    }
    return campaign;
  };
  const live: CampaignMemberRecord[] = [];
  for (const member of touches) {
    if (windowEnd(await load(member.campaignId), member.touchAt as string, defaultDays) >= facts.at)
      live.push(member);
  }
  let credit: { campaign: CampaignRecord; member?: CampaignMemberRecord; rule: CreditRule } | undefined;
  if (facts.code) {
    const { items } = await campaigns.find({ where: { code: facts.code }, limit: 1 });
    const coded = items[0] as CampaignRecord | undefined;
    if (
      coded?.launchedAt &&
      Date.parse(coded.launchedAt) <= facts.at &&
      windowEnd(coded, coded.launchedAt, defaultDays) >= facts.at
    ) {
      const member = (
        await members.find({ where: { campaignId: coded.id, customerId: facts.customerId ?? '' }, limit: 1 })
      ).items[0] as CampaignMemberRecord | undefined;
      credit = { campaign: coded, ...(member ? { member } : {}), rule: 'code' };
    }
  }
  const treated = live.find((m) => !m.control && REACHED_STATUSES.includes(m.status));
  if (!credit && treated)
    credit = { campaign: await load(treated.campaignId), member: treated, rule: 'last-touch' };
  const control = live.find((m) => m.control);
  if (!credit && control)
    credit = { campaign: await load(control.campaignId), member: control, rule: 'control' };
  let credited: ConversionRecord | undefined;
  if (credit) {
    try {
      credited = (await system<Conversion>('campaignConversion').create({
        campaignId: credit.campaign.id,
        ...(credit.member
          ? { memberId: credit.member.id, control: credit.member.control }
          : { control: false }),
        ...(facts.customerId ? { customerId: facts.customerId } : {}),
        kind: facts.kind,
        recordId: facts.recordId,
        at: isoTime(facts.at),
        ...(facts.revenue ? { revenue: facts.revenue } : {}),
        rule: credit.rule,
      })) as ConversionRecord;
    } catch (error) {
      if (error instanceof ConflictError && error.details.kind === 'unique') return undefined; // credited before
      throw error;
    }
  }
  for (const member of live) {
    await advanceMember(members, member.id, 'converted', facts.at, (current) => ({
      ...(facts.revenue ? { revenue: addMoney(current.revenue, facts.revenue) } : {}),
    }));
  }
  return credited;
}

/** The sum of two amounts of one currency (a different currency leaves the first as it is). */
export function addMoney(sum: Money | undefined, amount: Money): Money {
  if (!sum) return { ...amount };
  return sum.currency === amount.currency
    ? { amount: sum.amount + amount.amount, currency: sum.currency }
    : sum;
}
