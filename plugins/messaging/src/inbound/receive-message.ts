import { isoTime, type Kernel, type KernelTransaction, SYSTEM_ACTOR, toMilliseconds } from '@rapport/core';
import type { Customer, CustomerRecord, Interaction } from '@rapport/plugin-customers';
import { optOut } from '../consent/opt-out.js';
import type { ChannelAccountRecord } from '../entities/channel-account.js';
import type { Message, MessageRecord } from '../entities/message.js';
import type { MessagingOptions } from '../options.js';
import { queueMessage } from '../send/queue-message.js';
import { normaliseAddress } from '../send/recipient.js';
import type { InboundMessage } from './inbound-message.js';
import { confirmationLocale, isOptOutReply } from './opt-out-keywords.js';

/** What receiving a message did. */
export interface Received {
  id: string;
  duplicate: boolean;
  customerId?: string;
  threadKey?: string;
  optOut: boolean;
}

const CONFIRMATION = {
  en: 'You are unsubscribed and will get no more marketing messages from us.',
  'zh-Hans': '您已退订，将不再收到我们的营销信息。',
} as const;

async function matchCustomer(
  tx: KernelTransaction,
  channel: string,
  address: string,
): Promise<CustomerRecord | undefined> {
  if (channel !== 'email' && channel !== 'sms') return undefined;
  const { items } = await tx
    .data<Customer>('customer', { actor: SYSTEM_ACTOR })
    .find({ where: channel === 'email' ? { email: address } : { phone: address }, limit: 2 });
  return items.length === 1 ? (items[0] as CustomerRecord) : undefined;
}

/**
 * The thread an inbound message joins: the outbound message its In-Reply-To names (by
 * Message-ID or provider id), else — for SMS, which has no reply headers — the latest outbound
 * message to that number from this account within `smsThreadWindow`. Its `threadKey`, or
 * `message:<id>` when it had none. `undefined` when it answers nothing we sent.
 */
async function threadOf(
  tx: KernelTransaction,
  account: ChannelAccountRecord,
  from: string,
  inReplyTo: string | undefined,
  options: MessagingOptions,
  now: number,
): Promise<string | undefined> {
  const messages = tx.data<Message>('message', { actor: SYSTEM_ACTOR });
  let answered: MessageRecord | undefined;
  if (inReplyTo) {
    const byHeader = await messages.find({ where: { messageIdHeader: inReplyTo }, limit: 1 });
    answered = byHeader.items[0] as MessageRecord | undefined;
    if (!answered) {
      const byProvider = await messages.find({
        where: { accountId: account.id, providerMessageId: inReplyTo },
        limit: 1,
      });
      answered = byProvider.items[0] as MessageRecord | undefined;
    }
  }
  if (!answered && account.channel === 'sms') {
    const since = isoTime(now - toMilliseconds(options.smsThreadWindow));
    const { items } = await messages.find({
      where: {
        channel: 'sms',
        to: from,
        direction: 'outbound',
        accountId: account.id,
        queuedAt: { gte: since },
      },
      sort: ['-queuedAt', '-id'],
      limit: 1,
    });
    answered = items[0] as MessageRecord | undefined;
  }
  if (!answered) return undefined;
  return answered.threadKey ?? `message:${answered.id}`;
}

/**
 * Receives one inbound message on an account, in one transaction: a redelivery (the same
 * provider id) changes nothing; the sender is matched to a customer by e-mail or phone; the
 * thread is found; the message is stored (`received`, emitting `messaging.message.received`)
 * and logged as an inbound interaction on the customer's timeline; a reply that is one opt-out
 * word opts the sender out of marketing on the channel and, the first time, confirms it.
 */
export async function receiveMessage(
  kernel: Kernel,
  options: MessagingOptions,
  account: ChannelAccountRecord,
  inbound: InboundMessage,
): Promise<Received> {
  return kernel.transaction(async (tx) => {
    const messages = tx.data<Message>('message', { actor: SYSTEM_ACTOR });
    const earlier = await messages.find({
      where: { accountId: account.id, providerMessageId: inbound.providerMessageId },
      limit: 1,
    });
    const known = earlier.items[0] as MessageRecord | undefined;
    if (known) {
      return {
        id: known.id,
        duplicate: true,
        optOut: false,
        ...(known.customerId ? { customerId: known.customerId } : {}),
        ...(known.threadKey ? { threadKey: known.threadKey } : {}),
      };
    }
    const now = kernel.clock.now();
    const from =
      normaliseAddress(account.channel, inbound.from, options.defaultRegion) ?? inbound.from.trim();
    const customer = await matchCustomer(tx, account.channel, from);
    const threadKey = await threadOf(tx, account, from, inbound.inReplyTo, options, now);
    const stop = isOptOutReply(inbound.text, options.optOutKeywords);
    const receivedAt = inbound.receivedAt ?? isoTime(now);
    const message = (await messages.create({
      direction: 'inbound',
      channel: account.channel,
      accountId: account.id,
      ...(customer ? { customerId: customer.id } : {}),
      to: inbound.to ?? account.from,
      from,
      ...(inbound.subject === undefined ? {} : { subject: inbound.subject }),
      text: inbound.text,
      ...(inbound.html === undefined ? {} : { html: inbound.html }),
      purpose: 'transactional',
      status: 'received',
      attempts: 0,
      providerMessageId: inbound.providerMessageId,
      ...(threadKey ? { threadKey } : {}),
      ...(inbound.inReplyTo ? { inReplyTo: inbound.inReplyTo } : {}),
      receivedAt,
    })) as MessageRecord;
    if (customer && (account.channel === 'email' || account.channel === 'sms')) {
      await tx.data<Interaction>('interaction', { actor: SYSTEM_ACTOR }).create({
        customerId: customer.id,
        channel: account.channel,
        direction: 'inbound',
        subject: (inbound.subject || inbound.text.split('\n')[0] || `${account.channel} message`).slice(
          0,
          200,
        ),
        summary: inbound.text.slice(0, 10_000),
        occurredAt: receivedAt,
        byId: `messaging:${account.id}`,
      });
    }
    let optedOut = false;
    if (stop) {
      optedOut = await optOut(tx, {
        channel: account.channel,
        address: from,
        ...(customer ? { customerId: customer.id } : {}),
        source: 'keyword',
        messageId: message.id,
        note: `replied '${inbound.text.trim().slice(0, 50)}'`,
      });
      if (optedOut && options.confirmOptOut && account.channel !== 'webhook') {
        const locale = confirmationLocale(inbound.text, customer?.objective?.language);
        await queueMessage(
          { kernel, options },
          {
            channel: account.channel,
            purpose: 'transactional',
            to: from,
            accountId: account.id,
            ...(customer ? { customerId: customer.id } : {}),
            ...(account.channel === 'email'
              ? { subject: locale === 'zh-Hans' ? '退订确认' : 'Unsubscribed' }
              : {}),
            text: locale === 'zh-Hans' ? CONFIRMATION['zh-Hans'] : CONFIRMATION.en,
            idempotencyKey: `opt-out-confirmation:${message.id}`,
            source: { plugin: 'messaging', entity: 'message', recordId: message.id },
            ...(threadKey ? { threadKey } : {}),
          },
          SYSTEM_ACTOR,
        );
      }
    }
    return {
      id: message.id,
      duplicate: false,
      optOut: stop,
      ...(customer ? { customerId: customer.id } : {}),
      ...(threadKey ? { threadKey } : {}),
    };
  });
}
