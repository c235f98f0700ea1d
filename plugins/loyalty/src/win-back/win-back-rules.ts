import { fieldError, isSystemActor, type RegisterContext } from '@rapport/core';
import type { Member } from '../entities/member.js';
import type { WinBackAttempt } from '../entities/win-back-attempt.js';
import type { LoyaltyOptions } from '../options.js';
import { LOYALTY_PLUGIN_ID } from '../plugin-id.js';

/**
 * An attempt belongs to a member the caller can see (its programme and customer are copied
 * from it); `won` is the plugin's to record (a purchase), people record `declined` or
 * `unreachable`; settling the outcome stamps `outcomeAt`.
 */
export function tapWinBackRules(ctx: RegisterContext<LoyaltyOptions>): void {
  const hooks = ctx.hooks.entity<WinBackAttempt>('loyaltyWinBack');
  hooks.beforeCreate.tapPromise(LOYALTY_PLUGIN_ID, async (attempt, write) => {
    const member = await write
      .data<Member>('loyaltyMember')
      .get(attempt.memberId)
      .catch(() => undefined);
    if (!member)
      throw fieldError('loyaltyWinBack', 'memberId', 'loyalty.member', 'names no member you can see');
    return {
      ...attempt,
      programmeId: member.programmeId,
      customerId: member.customerId,
      ...(attempt.outcome && attempt.outcome !== 'pending'
        ? { outcomeAt: new Date(write.now()).toISOString() }
        : {}),
    };
  });
  hooks.beforeUpdate.tapPromise(LOYALTY_PLUGIN_ID, async (attempt, write) => {
    if (write.previous && attempt.memberId !== write.previous.memberId) {
      throw fieldError(
        'loyaltyWinBack',
        'memberId',
        'loyalty.immutable',
        'cannot change: an attempt stays with its member',
      );
    }
    const settled = attempt.outcome !== write.previous?.outcome && attempt.outcome !== 'pending';
    return settled ? { ...attempt, outcomeAt: new Date(write.now()).toISOString() } : attempt;
  });
  hooks.validate.tapPromise(LOYALTY_PLUGIN_ID, async (write) => {
    if (write.operation === 'delete' || isSystemActor(write.actor)) return;
    if (write.record.outcome === 'won' && write.previous?.outcome !== 'won') {
      throw fieldError(
        'loyaltyWinBack',
        'outcome',
        'loyalty.outcome',
        'won is recorded by the plugin when the member buys; record declined or unreachable',
      );
    }
  });
}
