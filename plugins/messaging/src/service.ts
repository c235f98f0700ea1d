import { type Actor, createToken, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { ChannelAccountRecord } from './entities/channel-account.js';
import type { Consent, ConsentRecord } from './entities/consent.js';
import type { InboundMessage } from './inbound/inbound-message.js';
import { type Received, receiveMessage } from './inbound/receive-message.js';
import type { MessagingOptions } from './options.js';
import { MESSAGING_PLUGIN_ID } from './plugin-id.js';
import { queueMessage } from './send/queue-message.js';
import { currentConsent } from './send/rules.js';
import { checkSendRequest, type SendOutcome, type SendRequest } from './send/send-request.js';
import { applyStatusReport, type ReportResult, type StatusReport } from './status/status-report.js';
import { CHANNELS, type Channel, PURPOSES, type Purpose } from './vocabulary.js';

/** A customer's consent for one channel and purpose: the latest record, or none. */
export interface ConsentSummary {
  channel: Channel;
  purpose: Purpose;
  state: 'in' | 'out' | 'none';
  since?: string;
  source?: string;
}

/** The messaging plugin's operations, for other plugins, routes, jobs and tests. */
export interface MessagingService {
  /**
   * Queues a message as `actor` (needs `message:send`), in the caller's transaction when one runs:
   * the rules (consent, suppression, quiet hours, frequency caps) decide whether it goes now,
   * waits, or is suppressed with its reason. Delivered after commit, retried with backoff.
   */
  send(request: SendRequest, options: { actor: Actor }): Promise<SendOutcome>;
  /** A customer's current consents, one per channel and purpose (as `actor`). */
  consents(customerId: string, options: { actor: Actor }): Promise<ConsentSummary[]>;
  /**
   * Receives an inbound message on an account (what the signed inbound callback does; a gateway
   * integration written as a plugin may call it directly): deduplicated by provider id, matched
   * to a customer, threaded, logged on the timeline; an opt-out word opts the sender out.
   */
  receive(account: ChannelAccountRecord, inbound: InboundMessage): Promise<Received>;
  /** Applies a provider's status report (what the signed status callback does); statuses only move forward. */
  report(account: ChannelAccountRecord, report: StatusReport): Promise<ReportResult>;
}

/** The token of the {@link MessagingService}. */
export const MESSAGING = createToken<MessagingService>(`${MESSAGING_PLUGIN_ID}.service`);

/** Creates the service of one plugin instance. */
export function createMessagingService(kernel: Kernel, options: MessagingOptions): MessagingService {
  return {
    send: async (request, { actor }) => queueMessage({ kernel, options }, checkSendRequest(request), actor),
    receive: (account, inbound) => receiveMessage(kernel, options, account, inbound),
    report: (account, report) => applyStatusReport(kernel, account, report),
    async consents(customerId, { actor }) {
      kernel.access.assert(actor, 'consent', 'read');
      await kernel.data('customer', { actor }).get(customerId);
      const data = { system: <T>(entity: string) => kernel.data<T>(entity, { actor: SYSTEM_ACTOR }) };
      const summaries: ConsentSummary[] = [];
      for (const channel of CHANNELS) {
        for (const purpose of PURPOSES) {
          const consent = (await currentConsent(data, customerId, channel, purpose)) as
            | (Consent & ConsentRecord)
            | undefined;
          summaries.push(
            consent
              ? { channel, purpose, state: consent.state, since: consent.at, source: consent.source }
              : { channel, purpose, state: 'none' },
          );
        }
      }
      return summaries;
    },
  };
}
