import {
  ConflictError,
  type Duration,
  isoTime,
  type JsonValue,
  LINKS,
  NotFoundError,
  SYSTEM_ACTOR,
  ValidationError,
} from '@rapport/core';
import type { Customer, CustomerRecord } from '@rapport/plugin-customers';
import { MESSAGING, type MessageRecord } from '@rapport/plugin-messaging';
import type { CampaignChannelTemplate, CampaignRecord } from '../entities/campaign.js';
import type { CampaignMember, CampaignMemberRecord } from '../entities/campaign-member.js';
import { CAMPAIGNS_PLUGIN_ID } from '../plugin-id.js';
import type { CampaignsRuntime } from '../runtime.js';
import { memberPatch } from './member-outcome.js';
import { recordWinBackAttempts } from './win-back-list.js';

/** The link purpose of tracked links: one reusable token per member. */
export const CLICK_PURPOSE = `${CAMPAIGNS_PLUGIN_ID}.click`;

/** The idempotency key of a campaign's message to a customer (scoped by messaging to `campaigns`). */
export function campaignMessageKey(campaignId: string, customerId: string): string {
  return `campaign:${campaignId}:${customerId}`;
}

/** The first of the campaign's channels the customer has an address for (the first one when none). */
export function pickChannel(
  channels: readonly CampaignChannelTemplate[],
  customer: Customer,
): CampaignChannelTemplate {
  const reachable = channels.find((c) => (c.channel === 'email' ? customer.email : customer.phone));
  return reachable ?? (channels[0] as CampaignChannelTemplate);
}

/** What happened to one member. */
export type MemberSendResult = 'queued' | 'excluded' | 'raced';

/**
 * Hands one member's message to messaging and records it on the member — in one transaction, so
 * progress is never recorded ahead of a queued message nor a message queued without its
 * progress. The send carries the idempotency key `campaign:<campaign>:<customer>` (scoped to
 * `campaigns`), so even a message committed by an earlier run whose member update was lost is
 * found and adopted, never sent twice. Messaging applies consent, suppression, quiet hours and
 * caps; its refusal (`suppressed` with a reason) makes the member `excluded` with that reason.
 * A request messaging refuses outright (no address, a customer gone) excludes the member with
 * the rule's code; any other error propagates, so the run stops and the member is retried.
 * The member update is version-checked: a second process handling the same member loses (`raced`).
 */
export async function sendToMember(
  runtime: CampaignsRuntime,
  campaign: CampaignRecord,
  member: CampaignMemberRecord,
): Promise<MemberSendResult> {
  const { kernel, options } = runtime;
  const members = kernel.data<CampaignMember>('campaignMember', { actor: SYSTEM_ACTOR });
  const at = isoTime(kernel.clock.now());
  try {
    return await kernel.transaction(async (tx) => {
      // one channel: nothing to choose, so messaging's own read of the customer is the only one
      const channel =
        campaign.channels.length === 1
          ? (campaign.channels[0] as CampaignChannelTemplate)
          : pickChannel(
              campaign.channels,
              (await tx
                .data<Customer>('customer', { actor: SYSTEM_ACTOR })
                .get(member.customerId)) as CustomerRecord,
            );
      const idempotencyKey = campaignMessageKey(campaign.id, member.customerId);
      const data: Record<string, JsonValue> = { ...(campaign.data ?? {}), campaign: campaign.name };
      let adopted: MessageRecord | undefined;
      if (options.publicUrl && campaign.linkUrl) {
        const { items } = await tx
          .data<MessageRecord>('message', { actor: SYSTEM_ACTOR })
          .find({ where: { idempotencyKey: `${CAMPAIGNS_PLUGIN_ID}:${idempotencyKey}` }, limit: 1 });
        adopted = items[0];
        if (!adopted) {
          const { token } = await kernel
            .resolve(LINKS)
            .issue({ purpose: CLICK_PURPOSE, recordId: member.id, ttl: options.linkTtl as Duration });
          data.link = `${options.publicUrl.replace(/\/$/, '')}/p/${CAMPAIGNS_PLUGIN_ID}/click/${token}`;
        }
      }
      const outcome = adopted
        ? { message: adopted, created: false }
        : await kernel.resolve(MESSAGING).send(
            {
              customerId: member.customerId,
              channel: channel.channel,
              purpose: 'marketing',
              template: { key: channel.templateKey },
              data,
              idempotencyKey,
              source: { plugin: CAMPAIGNS_PLUGIN_ID, entity: 'campaignMember', recordId: member.id },
              threadKey: `${CAMPAIGNS_PLUGIN_ID}:${member.id}`,
              ...(campaign.onlyNow ? { onlyNow: true } : {}),
            },
            { actor: SYSTEM_ACTOR },
          );
      const { message } = outcome;
      const patch = memberPatch(message, at);
      if (
        runtime.installed.loyalty &&
        campaign.type === 'win-back' &&
        patch.status !== 'excluded' &&
        outcome.created
      ) {
        await recordWinBackAttempts(tx, campaign, member.customerId, channel.channel);
      }
      await tx
        .data<CampaignMember>('campaignMember', { actor: SYSTEM_ACTOR })
        .update(member.id, { ...patch, channel: channel.channel }, { expectedVersion: member.version });
      return patch.status === 'excluded' ? 'excluded' : 'queued';
    });
  } catch (error) {
    if (error instanceof ConflictError && error.details.kind === 'version') return 'raced';
    if (!(error instanceof ValidationError) && !(error instanceof NotFoundError)) throw error;
    const rule = error instanceof ValidationError ? error.errors[0]?.rule : undefined;
    try {
      await members.update(
        member.id,
        {
          status: 'excluded',
          reason: { code: rule ?? error.code, message: error.message.slice(0, 1_000) },
          queuedAt: at,
          touchAt: at,
        },
        { expectedVersion: member.version },
      );
    } catch (raced) {
      if (raced instanceof ConflictError && raced.details.kind === 'version') return 'raced';
      throw raced;
    }
    return 'excluded';
  }
}
