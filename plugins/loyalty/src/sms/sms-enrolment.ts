import { KERNEL, type RegisterContext, SYSTEM_ACTOR } from '@rapport/core';
import { MESSAGING } from '@rapport/plugin-messaging';
import type { Programme } from '../entities/programme.js';
import { enrol } from '../ledger/enrol.js';
import type { LoyaltyOptions } from '../options.js';
import { LOYALTY_PLUGIN_ID } from '../plugin-id.js';
import { isJoinKeyword } from './join-keyword.js';

/** What messaging's `messaging.message.received` carries (the fields used here). */
interface Received {
  id: string;
  channel: string;
  from: string;
  text?: string;
}

/**
 * With messaging installed: an inbound SMS that is exactly an active programme's join keyword
 * enrols the sender (`joinedThrough: 'sms'`) and answers with a transactional confirmation,
 * sent once per member (the idempotency key is the member's), so a second JOIN is harmless.
 * Joining records no marketing consent: that is the member's own step.
 */
export function subscribeSmsEnrolment(ctx: RegisterContext<LoyaltyOptions>): void {
  if (!ctx.plugins.has('messaging')) return;
  ctx.events.on<Received>(
    'messaging.message.received',
    async (event, handler) => {
      const message = event.payload;
      if (message.channel !== 'sms' || !message.text) return;
      const programmes = await handler
        .data<Programme>('loyaltyProgramme')
        .find({ where: { status: 'active' }, limit: 100 });
      for (const programme of programmes.items) {
        if (!programme.joinKeyword || !isJoinKeyword(message.text, programme.joinKeyword)) continue;
        const kernel = handler.resolve(KERNEL);
        const { member } = await enrol(
          kernel,
          { programmeId: programme.id, mobile: message.from, joinedThrough: 'sms' },
          ctx.options.defaultRegion,
        );
        await handler.resolve(MESSAGING).send(
          {
            channel: 'sms',
            purpose: 'transactional',
            customerId: member.customerId,
            to: member.number,
            text: `Welcome to ${programme.name}: your member number is ${member.number}.`,
            idempotencyKey: `loyalty-join:${member.id}`,
            source: { plugin: LOYALTY_PLUGIN_ID, entity: 'loyaltyMember', recordId: member.id },
          },
          { actor: SYSTEM_ACTOR },
        );
      }
    },
    { id: `${LOYALTY_PLUGIN_ID}:smsJoin`, transactional: false },
  );
}
