import { type Actor, ConflictError, type Kernel, SYSTEM_ACTOR, type Where } from '@rapport/core';
import { MESSAGING } from '@rapport/plugin-messaging';
import type { Broadcast, BroadcastRecord } from '../entities/broadcast.js';
import type { Member } from '../entities/member.js';
import { LOYALTY_PLUGIN_ID } from '../plugin-id.js';

/**
 * Sends a broadcast to its segment — the programme's active members in the audience's tiers and
 * stages — through messaging, as marketing, one message per member (key
 * `loyalty-broadcast:<id>:<memberId>`, so a retry after a failure sends nobody twice); consent,
 * quiet hours and frequency caps are messaging's, and a member it refuses is counted suppressed.
 * Each delivery is a message whose source is the broadcast. Once sent, a broadcast is not sent
 * again (409).
 */
export async function sendBroadcast(kernel: Kernel, actor: Actor, id: string): Promise<BroadcastRecord> {
  kernel.access.assert(actor, 'loyaltyBroadcast', 'update');
  const broadcast = (await kernel.data<Broadcast>('loyaltyBroadcast', { actor }).get(id)) as BroadcastRecord;
  if (broadcast.status === 'sent') {
    throw ConflictError.state(`broadcast '${broadcast.name}' was sent at ${broadcast.sentAt}`, {
      entity: 'loyaltyBroadcast',
      id,
    });
  }
  const where: Where = {
    programmeId: broadcast.programmeId,
    status: 'active',
    ...(broadcast.audience?.tiers?.length ? { tier: { in: broadcast.audience.tiers } } : {}),
    ...(broadcast.audience?.stages?.length ? { stage: { in: broadcast.audience.stages } } : {}),
  };
  const messaging = kernel.resolve(MESSAGING);
  const counts = { recipients: 0, queued: 0, suppressed: 0 };
  let cursor: string | undefined;
  do {
    const page = await kernel
      .data<Member>('loyaltyMember', { actor: SYSTEM_ACTOR })
      .find({ where, sort: ['id'], limit: 200, ...(cursor ? { cursor } : {}) });
    for (const member of page.items) {
      const { message } = await messaging.send(
        {
          channel: broadcast.channel,
          purpose: 'marketing',
          customerId: member.customerId,
          ...(broadcast.channel === 'sms' ? { to: member.number } : {}),
          ...(broadcast.subject ? { subject: broadcast.subject } : {}),
          text: broadcast.text,
          idempotencyKey: `loyalty-broadcast:${id}:${member.id}`,
          source: { plugin: LOYALTY_PLUGIN_ID, entity: 'loyaltyBroadcast', recordId: id },
        },
        { actor: SYSTEM_ACTOR },
      );
      counts.recipients += 1;
      if ((message as { status?: string }).status === 'suppressed') counts.suppressed += 1;
      else counts.queued += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return (await kernel.data<Broadcast>('loyaltyBroadcast', { actor: SYSTEM_ACTOR }).update(id, {
    status: 'sent',
    sentAt: new Date(kernel.clock.now()).toISOString(),
    ...counts,
  })) as BroadcastRecord;
}
