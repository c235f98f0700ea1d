import {
  isoTime,
  type KernelTransaction,
  type Repository,
  SYSTEM_ACTOR,
  toMilliseconds,
} from '@rapport/core';
import type { Consent } from '../entities/consent.js';
import type { DeliveryEvent } from '../entities/delivery-event.js';
import type { Message, MessageRecord } from '../entities/message.js';
import type { Suppression } from '../entities/suppression.js';
import type { MessagingOptions } from '../options.js';
import { reportMoves } from '../status/transitions.js';
import { type AttemptOutcome, answerOf } from './attempt-outcome.js';
import { retryDelay } from './backoff.js';

const system = <T>(tx: KernelTransaction, entity: string): Repository<T> =>
  tx.data<T>(entity, { actor: SYSTEM_ACTOR });

/** Suppresses an address on a channel unless it already is. */
export async function suppress(tx: KernelTransaction, entry: Suppression): Promise<void> {
  const repo = system<Suppression>(tx, 'suppression');
  const { items } = await repo.find({ where: { channel: entry.channel, address: entry.address }, limit: 1 });
  if (items.length === 0) await repo.create(entry);
}

/** The patch and the log outcome for a failed attempt. */
function failurePatch(
  _message: MessageRecord,
  outcome: Extract<AttemptOutcome, { ok: false }>,
  attemptNo: number,
  options: MessagingOptions,
  now: number,
): { patch: Partial<Message>; logged: string } {
  const { failure } = outcome;
  const lastError = `${failure.code ? `${failure.code} ` : ''}${failure.message}`.slice(0, 2_000);
  const at = isoTime(now);
  if (failure.kind === 'bounce') {
    return {
      patch: {
        status: 'bounced',
        failedAt: at,
        lastError,
        reason: { code: 'provider.bounce', message: lastError.slice(0, 1_000) },
      },
      logged: 'bounced',
    };
  }
  if (failure.kind === 'optedOut') {
    return {
      patch: {
        status: 'failed',
        failedAt: at,
        lastError,
        reason: {
          code: 'provider.optedOut',
          message: `the provider says the recipient opted out: ${lastError}`.slice(0, 1_000),
        },
      },
      logged: 'optedOut',
    };
  }
  if (failure.kind === 'permanent') {
    return {
      patch: {
        status: 'failed',
        failedAt: at,
        lastError,
        reason: { code: 'provider.rejected', message: lastError.slice(0, 1_000) },
      },
      logged: 'failed',
    };
  }
  if (attemptNo >= options.maxAttempts) {
    return {
      patch: {
        status: 'failed',
        failedAt: at,
        lastError,
        reason: {
          code: 'delivery.attempts',
          message: `gave up after ${attemptNo} attempt(s); last: ${lastError}`.slice(0, 1_000),
        },
      },
      logged: 'failed',
    };
  }
  const delay = retryDelay(attemptNo, toMilliseconds(options.retryBase), toMilliseconds(options.retryMax));
  return { patch: { status: 'queued', nextAttemptAt: isoTime(now + delay), lastError }, logged: 'retry' };
}

/**
 * Records how attempt `attemptNo` of a message ended, in one transaction: the message's new
 * status, the delivery log line with the provider's answer, and what a failure implies — a hard
 * bounce suppresses the address; a carrier's "opted out" opts the customer out of marketing on
 * the channel (or suppresses an address that is no customer). A status a provider's callback
 * already moved further (`delivered` before our `sent` was written) is kept. An attempt that a
 * newer one replaced (its lease ran out) is only logged.
 */
export async function recordOutcome(
  tx: KernelTransaction,
  messageId: string,
  attemptNo: number,
  outcome: AttemptOutcome,
  options: MessagingOptions,
  now: number,
): Promise<void> {
  const messages = system<Message>(tx, 'message');
  const message = (await messages.get(messageId)) as MessageRecord;
  const current = message.attempts === attemptNo;
  let status = message.status;
  let logged = outcome.ok ? 'sent' : 'failed';
  if (current && outcome.ok) {
    const providerMessageId = outcome.result.providerMessageId;
    const patch: Partial<Message> = {
      sentAt: isoTime(now),
      ...(providerMessageId ? { providerMessageId } : {}),
      lastError: null as never,
      leaseUntil: null as never,
      nextAttemptAt: null as never,
    };
    if (message.status === 'sending' || reportMoves(message.status, 'sent')) patch.status = 'sent';
    status = (await messages.update(message.id, patch)).status;
  } else if (current && !outcome.ok) {
    const failed = failurePatch(message, outcome, attemptNo, options, now);
    logged = failed.logged;
    if (message.status === 'sending') {
      status = (await messages.update(message.id, { ...failed.patch, leaseUntil: null as never })).status;
    }
    if (outcome.failure.kind === 'bounce') {
      await suppress(tx, {
        channel: message.channel,
        address: message.to,
        reason: 'hard-bounce',
        messageId: message.id,
        detail: failed.patch.lastError ?? '',
      });
    }
    if (outcome.failure.kind === 'optedOut') {
      if (message.customerId) {
        await system<Consent>(tx, 'consent').create({
          customerId: message.customerId,
          channel: message.channel,
          purpose: 'marketing',
          state: 'out',
          source: 'provider',
          address: message.to,
          messageId: message.id,
          note: failed.patch.lastError?.slice(0, 1_000) ?? 'opted out at the carrier',
        });
      } else {
        await suppress(tx, {
          channel: message.channel,
          address: message.to,
          reason: 'opt-out',
          messageId: message.id,
        });
      }
    }
  } else {
    logged = outcome.ok ? 'sent.superseded' : 'failed.superseded';
  }
  const answer = answerOf(outcome);
  const providerMessageId = outcome.ok ? outcome.result.providerMessageId : undefined;
  await system<DeliveryEvent>(tx, 'deliveryEvent').create({
    messageId: message.id,
    kind: 'attempt',
    at: isoTime(now),
    attempt: attemptNo,
    status,
    outcome: logged,
    ...(answer ? { answer } : {}),
    ...(!outcome.ok && outcome.failure.code ? { errorCode: outcome.failure.code.slice(0, 100) } : {}),
    ...(providerMessageId ? { providerMessageId: providerMessageId.slice(0, 500) } : {}),
    durationMs: Math.min(outcome.ms, 86_400_000),
  });
}
