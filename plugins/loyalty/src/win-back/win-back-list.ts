import { type Actor, fieldError, type Kernel } from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import type { MemberRecord } from '../entities/member.js';
import type { WinBackAttemptRecord } from '../entities/win-back-attempt.js';

/** Options of {@link winBackList}. */
export interface WinBackQuery {
  programmeId?: string;
  /** ABC classes that count as high value (default A and B). */
  classes?: string[];
  /** Customer lifecycle stages that count as lapsed (default at-risk and churned). */
  stages?: string[];
  /** Customers read per page (default 50, at most 200); a page may hold fewer members. */
  limit?: number;
  cursor?: string;
}

/** One member to win back: the membership, the customer's class and stage, the latest attempt. */
export interface WinBackCandidate {
  member: MemberRecord;
  customer: { id: string; name: string; abcClass?: string; lifecycleStage?: string };
  lastAttempt?: WinBackAttemptRecord;
}

/**
 * The win-back list: active members whose customer is of a high-value ABC class and in a
 * lapsed lifecycle stage (both computed by the customers plugin), highest value first, each with
 * its latest attempt. Read as `actor`: record rules on customers, members and attempts apply.
 */
export async function winBackList(
  kernel: Kernel,
  actor: Actor,
  query: WinBackQuery,
): Promise<{ items: WinBackCandidate[]; nextCursor?: string }> {
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw fieldError('loyaltyMember', 'limit', 'range', 'must be an integer from 1 to 200');
  }
  const customers = await kernel.data<Customer>('customer', { actor }).find({
    where: {
      abcClass: { in: query.classes ?? ['A', 'B'] },
      lifecycleStage: { in: query.stages ?? ['at-risk', 'churned'] },
    },
    sort: ['abcClass', 'id'],
    limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const byId = new Map(customers.items.map((c) => [c.id, c]));
  if (byId.size === 0) return { items: [] };
  const members = await kernel.data<MemberRecord>('loyaltyMember', { actor }).find({
    where: {
      customerId: { in: [...byId.keys()] },
      status: 'active',
      ...(query.programmeId ? { programmeId: query.programmeId } : {}),
    },
    limit: 1_000,
  });
  const attempts = await kernel.data<WinBackAttemptRecord>('loyaltyWinBack', { actor }).find({
    where: { memberId: { in: members.items.map((m) => m.id) } },
    sort: ['-createdAt'],
    limit: 1_000,
  });
  const latest = new Map<string, WinBackAttemptRecord>();
  for (const attempt of attempts.items)
    if (!latest.has(attempt.memberId)) latest.set(attempt.memberId, attempt as WinBackAttemptRecord);
  const items = (members.items as MemberRecord[])
    .map((member) => {
      const customer = byId.get(member.customerId) as Customer & { id: string };
      const last = latest.get(member.id);
      return {
        member,
        customer: {
          id: customer.id,
          name: customer.name,
          ...(customer.abcClass ? { abcClass: customer.abcClass } : {}),
          ...(customer.lifecycleStage ? { lifecycleStage: customer.lifecycleStage } : {}),
        },
        ...(last ? { lastAttempt: last } : {}),
      };
    })
    .sort((a, b) => (a.customer.abcClass ?? '').localeCompare(b.customer.abcClass ?? ''));
  return { items, ...(customers.nextCursor ? { nextCursor: customers.nextCursor } : {}) };
}
