import { type KernelTransaction, SYSTEM_ACTOR } from '@rapport/core';
import type { CampaignRecord } from '../entities/campaign.js';
import type { CampaignChannel } from '../vocabulary.js';

/**
 * With loyalty installed, a win-back campaign's message to a loyalty member is also an attempt on
 * loyalty's win-back list (`loyaltyWinBack`, the campaign named in its note), in the send's
 * transaction — so loyalty marks it `won` when the member buys within its programme's
 * `winBackDays`, and the list shows who the campaign reached.
 */
export async function recordWinBackAttempts(
  tx: KernelTransaction,
  campaign: CampaignRecord,
  customerId: string,
  channel: CampaignChannel,
): Promise<number> {
  const { items } = await tx
    .data<{ customerId: string }>('loyaltyMember', { actor: SYSTEM_ACTOR })
    .find({ where: { customerId, status: 'active' }, limit: 20, fields: ['customerId'] });
  const attempts = tx.data('loyaltyWinBack', { actor: SYSTEM_ACTOR });
  for (const member of items) {
    await attempts.create({
      memberId: member.id,
      channel,
      note: `Campaign: ${campaign.name}`.slice(0, 2_000),
    });
  }
  return items.length;
}
