import { type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import { DateTime } from 'luxon';
import type { MemberRecord } from '../entities/member.js';
import type { Programme } from '../entities/programme.js';
import type { WinBackAttempt } from '../entities/win-back-attempt.js';

/**
 * Marks the member's pending win-back attempts made within the programme's `winBackDays`
 * (default 60) before the purchase as `won`; older pending ones stay pending.
 */
export async function markWinBacksWon(
  kernel: Kernel,
  programme: Programme,
  member: MemberRecord,
  at?: string,
  orderId?: string,
): Promise<number> {
  const attempts = kernel.data<WinBackAttempt>('loyaltyWinBack', { actor: SYSTEM_ACTOR });
  const bought = at ? Date.parse(at) : kernel.clock.now();
  const since = DateTime.fromMillis(bought)
    .minus({ days: programme.winBackDays ?? 60 })
    .toUTC()
    .toISO() as string;
  const page = await attempts.find({
    where: {
      memberId: member.id,
      outcome: 'pending',
      createdAt: { gte: since, lte: new Date(bought).toISOString() },
    },
    limit: 100,
  });
  for (const attempt of page.items) {
    await attempts.update(
      attempt.id,
      { outcome: 'won', ...(orderId ? { wonOrderId: orderId } : {}) },
      { expectedVersion: attempt.version },
    );
  }
  return page.items.length;
}
