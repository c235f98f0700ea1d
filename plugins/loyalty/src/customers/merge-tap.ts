import { ConflictError } from '@rapport/core';
import type { CustomerHooks, MergeRequest } from '@rapport/plugin-customers';
import type { Member, MemberRecord } from '../entities/member.js';
import { LOYALTY_PLUGIN_ID } from '../plugin-id.js';

async function membershipsOf(request: MergeRequest, customerId: string): Promise<MemberRecord[]> {
  const page = await request.write
    .system<Member>('loyaltyMember')
    .find({ where: { customerId }, limit: 1_000 });
  return page.items as MemberRecord[];
}

/**
 * Customer merge: the merged customer's memberships and win-back attempts move to the survivor
 * (the ledger refers to the member, so balances, lots and history move with it untouched). A
 * merge that would give the survivor two memberships of one programme is refused, naming the
 * programme and both member numbers: a ledger is append-only, so two members' entries are
 * never rewritten into one — a person settles which membership stays (or moves its points with
 * a redeem and an adjust) before merging.
 */
export function tapCustomerMerge(hooks: CustomerHooks): void {
  hooks.merge.tapPromise(LOYALTY_PLUGIN_ID, async (request) => {
    const merged = await membershipsOf(request, request.mergedId);
    if (merged.length === 0) return;
    const survivors = new Map(
      (await membershipsOf(request, request.survivorId)).map((member) => [member.programmeId, member]),
    );
    for (const member of merged) {
      const kept = survivors.get(member.programmeId);
      if (kept) {
        throw ConflictError.state(
          `both customers are members of programme ${member.programmeId} (${kept.number} and ${member.number}); settle which membership stays before merging`,
          {
            entity: 'loyaltyMember',
            id: member.id,
            programmeId: member.programmeId,
            members: [kept.id, member.id],
          },
        );
      }
    }
    await request.moveReferences('loyaltyMember');
    await request.moveReferences('loyaltyWinBack');
  });
}
