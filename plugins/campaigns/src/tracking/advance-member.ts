import { ConflictError, isoTime, type Repository } from '@rapport/core';
import type { CampaignMember, CampaignMemberRecord } from '../entities/campaign-member.js';
import { movesForward } from '../launch/member-outcome.js';
import type { MemberStatus } from '../vocabulary.js';

/** The time field each status stamps. */
const STAMP: Partial<Record<MemberStatus, keyof CampaignMember>> = {
  sent: 'sentAt',
  delivered: 'deliveredAt',
  clicked: 'clickedAt',
  responded: 'respondedAt',
  converted: 'convertedAt',
  optedOut: 'optedOutAt',
};

/**
 * Moves a member forward to `status` (never back, never out of a final state), stamping its
 * time once, with `extra` fields; retried once on a concurrent write. Answers whether it moved.
 */
export async function advanceMember(
  members: Repository<CampaignMember>,
  memberId: string,
  status: MemberStatus,
  at: number,
  extra: (member: CampaignMemberRecord) => Partial<CampaignMember> = () => ({}),
): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const member = (await members.get(memberId).catch(() => undefined)) as CampaignMemberRecord | undefined;
    if (!member) return false;
    const stamp = STAMP[status];
    const patch: Partial<CampaignMember> = {
      ...extra(member),
      ...(stamp && member[stamp] === undefined ? { [stamp]: isoTime(at) } : {}),
      ...(movesForward(member.status, status) && !member.control ? { status } : {}),
    };
    if (Object.keys(patch).length === 0) return false;
    try {
      await members.update(member.id, patch, { expectedVersion: member.version });
      return patch.status !== undefined;
    } catch (error) {
      if (!(error instanceof ConflictError && error.details.kind === 'version')) throw error;
    }
  }
  return false;
}
