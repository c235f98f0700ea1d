import type { Repository } from '@rapport/core';
import type { CampaignCounts } from '../entities/campaign.js';
import type { CampaignMember } from '../entities/campaign-member.js';
import { MEMBER_STATUSES } from '../vocabulary.js';

/** A campaign's member counts by status (the control group counted apart), from one store aggregate, as `members` reads. */
export async function memberCounts(
  members: Repository<CampaignMember>,
  campaignId: string,
): Promise<CampaignCounts & { total: number }> {
  const rows = await members.aggregate({
    where: { campaignId },
    groupBy: ['control', 'status'],
    measures: { n: 'count' },
  });
  const counts = Object.fromEntries(
    [...MEMBER_STATUSES, 'control'].map((s) => [s, 0]),
  ) as unknown as CampaignCounts;
  let total = 0;
  for (const row of rows) {
    const n = Number(row.n ?? 0);
    total += n;
    if (row.control === true) counts.control += n;
    else counts[row.status as keyof CampaignCounts] += n;
  }
  return { ...counts, total };
}
