import type { MessageRecord } from '@rapport/plugin-messaging';
import type { CampaignMember } from '../entities/campaign-member.js';
import { MEMBER_RANK, type MemberStatus } from '../vocabulary.js';

/** Messaging's message status → the member's status. */
const FROM_MESSAGE: Readonly<Record<string, MemberStatus>> = {
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  failed: 'failed',
  bounced: 'bounced',
  suppressed: 'excluded',
};

/** The member fields a message stands for: its status (excluded with messaging's reason when suppressed). */
export function memberPatch(message: MessageRecord, at: string): Partial<CampaignMember> {
  const status = FROM_MESSAGE[message.status] ?? 'queued';
  return {
    status,
    messageId: message.id,
    queuedAt: at,
    touchAt: at,
    ...(message.reason ? { reason: { code: message.reason.code, message: message.reason.message } } : {}),
  };
}

/** Whether a member may move from `from` to `to`: only further along, never out of a final state. */
export function movesForward(from: MemberStatus, to: MemberStatus): boolean {
  if (from === 'excluded' || from === 'optedOut') return false;
  if (to === 'optedOut') return true;
  if (from === 'failed' || from === 'bounced') return false;
  return MEMBER_RANK[to] > MEMBER_RANK[from];
}
