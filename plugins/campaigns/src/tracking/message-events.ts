import type { EventHandlerContext, RegisterContext } from '@rapport/core';
import {
  CONSENT_CHANGED,
  DEFAULT_OPT_OUT_KEYWORDS,
  isOptOutReply,
  MESSAGE_RECEIVED,
  type MessageSource,
  messageStatusEvent,
} from '@rapport/plugin-messaging';
import type { CampaignMember } from '../entities/campaign-member.js';
import type { CampaignsOptions } from '../options.js';
import { CAMPAIGNS_PLUGIN_ID } from '../plugin-id.js';
import type { MemberStatus } from '../vocabulary.js';
import { advanceMember } from './advance-member.js';

interface StatusPayload {
  id: string;
  status: string;
  source?: MessageSource;
  reason?: { code: string; message: string };
}

const STATUS_OF: Readonly<Record<string, MemberStatus>> = {
  sent: 'sent',
  delivered: 'delivered',
  failed: 'failed',
  bounced: 'bounced',
  suppressed: 'excluded',
};

function memberOf(source: MessageSource | undefined): string | undefined {
  return source?.plugin === CAMPAIGNS_PLUGIN_ID && source.entity === 'campaignMember'
    ? source.recordId
    : undefined;
}

/** The member a reply's thread names (`campaigns:<memberId>`), if any. */
export function memberOfThread(threadKey: string | undefined): string | undefined {
  const prefix = `${CAMPAIGNS_PLUGIN_ID}:`;
  return threadKey?.startsWith(prefix) ? threadKey.slice(prefix.length) : undefined;
}

/**
 * Follows the campaign's messages through messaging's events: a member moves to `sent`,
 * `delivered`, `failed`, `bounced` or `excluded` (a message suppressed at an attempt, with its
 * reason) as its message does — forward only; a reply on the member's thread makes it
 * `responded` (unless it is one of messaging's default opt-out words); a marketing opt-out on the channel of a campaign message that reached the
 * customer in the last 30 days marks that member `optedOut` (the opt-out rate).
 */
export function subscribeMessageEvents(ctx: RegisterContext<CampaignsOptions>): void {
  for (const [event, status] of Object.entries(STATUS_OF)) {
    ctx.events.on<StatusPayload>(
      messageStatusEvent(event),
      async ({ payload }, handler) => {
        const memberId = memberOf(payload.source);
        if (!memberId) return;
        await advanceMember(
          handler.data<CampaignMember>('campaignMember'),
          memberId,
          status,
          handler.now(),
          () => (status === 'excluded' && payload.reason ? { reason: payload.reason } : {}),
        );
      },
      { id: `${CAMPAIGNS_PLUGIN_ID}:message.${event}` },
    );
  }
  ctx.events.on<{ id: string; threadKey?: string; customerId?: string; text?: string }>(
    MESSAGE_RECEIVED,
    async ({ payload }, handler) => {
      const memberId = memberOfThread(payload.threadKey);
      // an opt-out word is no response: the consent change marks the member opted out
      if (memberId && !isOptOutReply(payload.text ?? '', DEFAULT_OPT_OUT_KEYWORDS))
        await advanceMember(
          handler.data<CampaignMember>('campaignMember'),
          memberId,
          'responded',
          handler.now(),
        );
    },
    { id: `${CAMPAIGNS_PLUGIN_ID}:message.received` },
  );
  ctx.events.on<{ customerId: string; channel: string; purpose: string; state: string }>(
    CONSENT_CHANGED,
    async ({ payload }, handler) => optOutLatest(payload, handler),
    { id: `${CAMPAIGNS_PLUGIN_ID}:consent.changed` },
  );
}

const OPT_OUT_WINDOW_MS = 30 * 86_400_000;

async function optOutLatest(
  payload: { customerId: string; channel: string; purpose: string; state: string },
  handler: EventHandlerContext,
): Promise<void> {
  if (payload.state !== 'out' || payload.purpose !== 'marketing') return;
  const members = handler.data<CampaignMember>('campaignMember');
  const since = new Date(handler.now() - OPT_OUT_WINDOW_MS).toISOString();
  const { items } = await members.find({
    where: {
      customerId: payload.customerId,
      control: false,
      channel: payload.channel,
      queuedAt: { gte: since },
    },
    sort: ['-queuedAt'],
    limit: 1,
  });
  const latest = items[0];
  if (latest && latest.status !== 'excluded')
    await advanceMember(members, latest.id, 'optedOut', handler.now());
}
