import { type Repository, ratioOrNull as rate, type Where } from '@rapport/core';
import type { Money } from '@rapport/plugin-customers';
import type { Campaign, CampaignCounts, CampaignRecord } from '../entities/campaign.js';
import type { CampaignMember } from '../entities/campaign-member.js';
import type { Conversion } from '../entities/conversion.js';
import { memberCounts } from '../launch/counts.js';
import { REACHED_STATUSES } from '../vocabulary.js';
import { type Lift, lift } from './lift.js';

/** Repositories acting as the reader of results. */
export type Reader = <T>(entity: string) => Repository<T>;

/** A campaign's results, as the reader may see them. */
export interface CampaignResults {
  campaignId: string;
  name: string;
  type: Campaign['type'];
  status: Campaign['status'];
  launchedAt?: string;
  /** The frozen audience: treated + control. */
  audience: number;
  /** Members outside the control group (sent to, or excluded by messaging). */
  treated: number;
  control: number;
  counts: CampaignCounts;
  /** Members a message was queued for (and not refused): queued, sent, delivered or further. */
  reach: number;
  /** Members whose message left (sent, or a delivery report), or who went further. */
  delivered: number;
  /** Members who clicked the tracked link or replied. */
  responded: number;
  optedOut: number;
  /** Treated members who converted within the window (of all treated: intention to treat). */
  converted: number;
  controlConverted: number;
  rates: {
    /** delivered / reach. */
    delivery: number | null;
    /** responded / reach. */
    response: number | null;
    /** converted / treated. */
    conversion: number | null;
    /** optedOut / reach. */
    optOut: number | null;
  };
  /** Conversions credited to this campaign (each lead or order credited to one campaign only). */
  credited: { conversions: number; revenue: Money };
  /** Spent within the window by each arm (`converted` members' revenue), for the incremental figures. */
  revenue: { treated: Money; control: Money };
  cost?: Money;
  /** cost / credited conversions. */
  costPerConversion: Money | null;
  /** Conversions and revenue the campaign caused: (treated rate − control rate) × treated, likewise per member revenue. */
  incremental: { conversions: number; revenue: Money } | null;
  /** (incremental revenue − cost) / cost: what the campaign caused, over what it cost. */
  roi: number | null;
  /** (credited revenue − cost) / cost: the naive figure, without the control group. */
  attributedRoi: number | null;
  lift: Lift | null;
}

function sumRevenue(
  rows: Array<Record<string, unknown>>,
  currency: string,
): { control: number; treated: number } {
  const sums = { control: 0, treated: 0 };
  for (const row of rows) {
    if (row['revenue.currency'] !== undefined && row['revenue.currency'] !== currency) continue;
    sums[row.control === true ? 'control' : 'treated'] += Number(row.amount ?? 0);
  }
  return sums;
}

/**
 * Computes a campaign's results through `read` (repositories as the reader: record rules apply) from store
 * aggregates: reach, delivery, response, conversion and opt-out rates; revenue credited; cost per
 * conversion; lift against the control group with its 95 % interval; incremental conversions and
 * revenue; ROI on the incremental revenue (and the naive ROI on the credited revenue beside it).
 * Money is in the campaign's cost (or budget) currency; revenue in another currency is left out.
 */
export async function campaignResults(read: Reader, id: string): Promise<CampaignResults> {
  const campaign = (await read<Campaign>('campaign').get(id)) as CampaignRecord;
  const members = read<CampaignMember>('campaignMember');
  const { total, ...counts } = await memberCounts(members, id);
  const currency = campaign.cost?.currency ?? campaign.budget?.currency ?? 'EUR';
  const count = (where: Where) => members.count({ campaignId: id, ...where });
  const [converted, controlConverted, responded] = await Promise.all([
    count({ control: false, convertedAt: { exists: true } }),
    count({ control: true, convertedAt: { exists: true } }),
    count({ control: false, or: [{ clickedAt: { exists: true } }, { respondedAt: { exists: true } }] }),
  ]);
  const revenueRows = await members.aggregate({
    where: { campaignId: id, revenue: { exists: true } },
    groupBy: ['control', 'revenue.currency'],
    measures: { amount: 'sum:revenue.amount' },
  });
  const revenue = sumRevenue(revenueRows, currency);
  const creditRows = await read<Conversion>('campaignConversion').aggregate({
    where: { campaignId: id, control: false },
    groupBy: ['revenue.currency'],
    measures: { n: 'count', amount: 'sum:revenue.amount' },
  });
  let creditedCount = 0;
  let creditedRevenue = 0;
  for (const row of creditRows) {
    creditedCount += Number(row.n ?? 0);
    if (
      row['revenue.currency'] === undefined ||
      row['revenue.currency'] === null ||
      row['revenue.currency'] === currency
    ) {
      creditedRevenue += Number(row.amount ?? 0);
    }
  }
  const treated = total - counts.control;
  const reach = REACHED_STATUSES.reduce((sum, status) => sum + counts[status as keyof CampaignCounts], 0);
  const delivered =
    counts.sent + counts.delivered + counts.clicked + counts.responded + counts.converted + counts.optedOut;
  const money = (amount: number): Money => ({ amount: Math.round(amount), currency });
  const measured = lift(
    { members: treated, converted },
    { members: counts.control, converted: controlConverted },
  );
  const incremental =
    measured && treated > 0 && counts.control > 0
      ? {
          conversions: measured.absolute * treated,
          revenue: money((revenue.treated / treated - revenue.control / counts.control) * treated),
        }
      : null;
  const cost = campaign.cost && campaign.cost.currency === currency ? campaign.cost.amount : undefined;
  return {
    campaignId: id,
    name: campaign.name,
    type: campaign.type,
    status: campaign.status,
    ...(campaign.launchedAt ? { launchedAt: campaign.launchedAt } : {}),
    audience: total,
    treated,
    control: counts.control,
    counts,
    reach,
    delivered,
    responded,
    optedOut: counts.optedOut,
    converted,
    controlConverted,
    rates: {
      delivery: rate(delivered, reach),
      response: rate(responded, reach),
      conversion: rate(converted, treated),
      optOut: rate(counts.optedOut, reach),
    },
    credited: { conversions: creditedCount, revenue: money(creditedRevenue) },
    revenue: { treated: money(revenue.treated), control: money(revenue.control) },
    ...(campaign.cost ? { cost: campaign.cost } : {}),
    costPerConversion: cost !== undefined && creditedCount > 0 ? money(cost / creditedCount) : null,
    incremental,
    roi: cost && incremental ? (incremental.revenue.amount - cost) / cost : null,
    attributedRoi: cost ? (creditedRevenue - cost) / cost : null,
    lift: measured,
  };
}
