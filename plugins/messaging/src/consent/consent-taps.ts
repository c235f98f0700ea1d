import { isoTime, type RegisterContext } from '@rapport/core';
import type { Consent, ConsentRecord } from '../entities/consent.js';
import type { Message } from '../entities/message.js';
import type { MessagingOptions } from '../options.js';
import { MESSAGING_PLUGIN_ID } from '../plugin-id.js';
import { CONSENT_CHANGED } from './consent-events.js';

const PAGE = 200;

/**
 * Consents: `at` defaults to now and `byId` to the writer; each change emits
 * `messaging.consent.changed`; an opt-out takes effect at once — the customer's queued marketing
 * messages on that channel are suppressed in the same transaction (delivery checks again too).
 */
export function tapConsentRules(ctx: RegisterContext<MessagingOptions>): void {
  const hooks = ctx.hooks.entity<Consent>('consent');
  hooks.beforeCreate.tapPromise(MESSAGING_PLUGIN_ID, async (record, write) => ({
    ...record,
    at: record.at ?? isoTime(write.now()),
    byId: record.byId ?? write.actor.id,
  }));
  hooks.afterCreate.tapPromise(MESSAGING_PLUGIN_ID, async (record, write) => {
    const consent = record as ConsentRecord;
    write.emit(CONSENT_CHANGED, {
      id: consent.id,
      customerId: consent.customerId,
      channel: consent.channel,
      purpose: consent.purpose,
      state: consent.state,
      source: consent.source,
    });
    if (consent.state !== 'out' || consent.purpose !== 'marketing') return;
    const messages = write.system<Message>('message');
    for (;;) {
      const { items } = await messages.find({
        where: {
          customerId: consent.customerId,
          channel: consent.channel,
          purpose: 'marketing',
          status: 'queued',
        },
        limit: PAGE,
        fields: ['id'],
      });
      for (const item of items) {
        await messages.update(item.id, {
          status: 'suppressed',
          reason: {
            code: 'consent.optedOut',
            message: `the customer opted out of marketing by ${consent.channel}`,
          },
        });
      }
      if (items.length < PAGE) return;
    }
  });
}
