import { createHash } from 'node:crypto';
import {
  type Actor,
  ConflictError,
  canonicalJson,
  fieldError,
  isoTime,
  type Kernel,
  newId,
  SYSTEM_ACTOR,
} from '@rapport/core';
import type { Customer, CustomerRecord } from '@rapport/plugin-customers';
import type { ChannelAccount, ChannelAccountRecord } from '../entities/channel-account.js';
import type { Message, MessageRecord } from '../entities/message.js';
import type { MessageTemplate } from '../entities/message-template.js';
import type { MessagingOptions } from '../options.js';
import { findTemplate } from '../templates/find-template.js';
import { mergeView } from '../templates/merge-fields.js';
import { type RenderedContent, renderTemplate } from '../templates/render-template.js';
import { recipientAddress } from './recipient.js';
import { resolveAccount } from './resolve-account.js';
import { evaluateRules, type RuleVerdict } from './rules.js';
import type { SendOutcome, SendRequest } from './send-request.js';

/** What queueing needs: the kernel and the plugin's options. */
export interface QueueContext {
  kernel: Kernel;
  options: MessagingOptions;
}

/** The `<scope>:<key>` an idempotency key is stored as: keys of different callers never meet. */
function scopedKey(request: SendRequest, actor: Actor): string | undefined {
  if (!request.idempotencyKey) return undefined;
  return `${request.source?.plugin ?? actor.id}:${request.idempotencyKey}`;
}

function requestHash(request: SendRequest): string {
  const { idempotencyKey: _key, ...rest } = request;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

/** A stable RFC 5322 Message-ID on the sender's domain. */
function messageIdHeader(from: string): string {
  const domain = from.includes('@') ? from.slice(from.lastIndexOf('@') + 1) : 'rapport.invalid';
  return `<${newId()}@${domain}>`;
}

async function content(
  context: QueueContext,
  request: SendRequest,
  customer: CustomerRecord | undefined,
): Promise<RenderedContent & { templateId?: string; templateKey?: string; locale?: string }> {
  if (!request.template) {
    return {
      text: request.text ?? '',
      ...(request.subject === undefined ? {} : { subject: request.subject }),
      ...(request.html === undefined ? {} : { html: request.html }),
    };
  }
  const templates = context.kernel.data<MessageTemplate>('messageTemplate', { actor: SYSTEM_ACTOR });
  const wanted = request.template.locale ?? customer?.objective?.language;
  const template = await findTemplate(templates, request.template.key, request.channel, wanted);
  for (const field of template.fields ?? []) {
    const top = field.split('.')[0] as string;
    if (!field.includes('.') && (request.data === undefined || !(top in request.data))) {
      throw fieldError(
        'message',
        `data.${field}`,
        'required',
        `is used by template '${template.key}' (${template.locale}) and was not given`,
      );
    }
  }
  return {
    ...renderTemplate(template, mergeView(customer, request.data)),
    templateId: template.id,
    templateKey: template.key,
    locale: template.locale,
  };
}

/** The status fields of a new message, from the rules' verdict. */
function statusOf(verdict: RuleVerdict, now: number, notBefore: number | undefined): Partial<Message> {
  if (verdict.verdict === 'refuse') return { status: 'suppressed', reason: verdict.reason };
  if (verdict.verdict === 'defer') {
    const until = isoTime(Math.max(verdict.until, notBefore ?? 0));
    return { status: 'queued', nextAttemptAt: until, deferredUntil: until, reason: verdict.reason };
  }
  return { status: 'queued', nextAttemptAt: isoTime(Math.max(now, notBefore ?? 0)) };
}

/**
 * Queues one message in the caller's transaction (or a new one): an idempotent repeat answers
 * the first message; the customer is read as the caller (their record rules apply); the account,
 * the address and the content are resolved; the rules decide whether it waits, goes, or is
 * suppressed with its reason. The message is delivered after commit (see the dispatcher).
 */
export async function queueMessage(
  context: QueueContext,
  raw: SendRequest,
  actor: Actor,
): Promise<SendOutcome> {
  const { kernel, options } = context;
  kernel.access.assert(actor, 'message', 'send');
  const request = raw;
  return kernel.transaction(async (tx) => {
    const messages = tx.data<Message>('message', { actor: SYSTEM_ACTOR });
    const key = scopedKey(request, actor);
    const hash = requestHash(request);
    if (key) {
      const { items } = await messages.find({ where: { idempotencyKey: key }, limit: 1 });
      const earlier = items[0] as MessageRecord | undefined;
      if (earlier) {
        if (earlier.requestHash !== hash) {
          throw ConflictError.state(
            `idempotency key '${request.idempotencyKey}' was used for a different request`,
            {
              entity: 'message',
              id: earlier.id,
              idempotencyKey: request.idempotencyKey,
            },
          );
        }
        return { message: earlier, created: false };
      }
    }
    const customer = request.customerId
      ? ((await tx.data<Customer>('customer', { actor }).get(request.customerId)) as CustomerRecord)
      : undefined;
    const account: ChannelAccountRecord = await resolveAccount(
      tx.data<ChannelAccount>('channelAccount', { actor: SYSTEM_ACTOR }),
      request.channel,
      request.accountId,
    );
    const to = recipientAddress(request.channel, request.to, customer, options.defaultRegion);
    if (request.purpose === 'marketing' && request.channel === 'email' && !options.publicUrl) {
      throw fieldError(
        'message',
        'purpose',
        'messaging.publicUrl',
        'marketing e-mail needs the publicUrl option: it carries a one-click unsubscribe link',
      );
    }
    const body = await content(context, request, customer);
    const now = kernel.clock.now();
    const notBefore = request.notBefore ? Date.parse(request.notBefore) : undefined;
    const verdict = await evaluateRules(
      { system: (entity) => tx.data(entity, { actor: SYSTEM_ACTOR }) },
      options,
      kernel.timeZone,
      {
        channel: request.channel,
        purpose: request.purpose,
        address: to,
        ...(customer ? { customer } : {}),
        now: Math.max(now, notBefore ?? 0),
        ...(request.onlyNow ? { onlyNow: true } : {}),
      },
    );
    const message = await messages.create({
      direction: 'outbound',
      channel: request.channel,
      accountId: account.id,
      ...(customer ? { customerId: customer.id } : {}),
      to,
      from: account.from,
      ...body,
      ...(body.locale === undefined && customer?.objective?.language
        ? { locale: customer.objective.language }
        : {}),
      ...(request.data ? { data: request.data } : {}),
      purpose: request.purpose,
      attempts: 0,
      ...statusOf(verdict, now, notBefore),
      ...(request.onlyNow ? { onlyNow: true } : {}),
      ...(request.channel === 'email' ? { messageIdHeader: messageIdHeader(account.from) } : {}),
      ...(request.source ? { source: request.source } : {}),
      requestedBy: actor.id,
      ...(request.threadKey ? { threadKey: request.threadKey } : {}),
      ...(request.inReplyTo ? { inReplyTo: request.inReplyTo } : {}),
      ...(key ? { idempotencyKey: key, requestHash: hash } : {}),
      queuedAt: isoTime(now),
    } as Message);
    return { message: message as MessageRecord, created: true };
  });
}
