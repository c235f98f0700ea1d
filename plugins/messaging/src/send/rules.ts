import type { Repository } from '@rapport/core';
import type { CustomerRecord } from '@rapport/plugin-customers';
import type { Consent } from '../entities/consent.js';
import type { Message, StatusReason } from '../entities/message.js';
import type { Suppression } from '../entities/suppression.js';
import type { MessagingOptions } from '../options.js';
import type { Channel, Purpose } from '../vocabulary.js';
import { capHold } from './frequency-caps.js';
import { quietUntil } from './quiet-hours.js';

/** What the rules say about sending one message now. */
export type RuleVerdict =
  | { verdict: 'send' }
  | { verdict: 'defer'; until: number; reason: StatusReason }
  | { verdict: 'refuse'; reason: StatusReason };

/** What the rules look at. */
export interface RuleInput {
  channel: Channel;
  purpose: Purpose;
  /** Normalised address. */
  address: string;
  customer?: CustomerRecord & { timeZone?: string };
  now: number;
  onlyNow?: boolean;
  /** The message being checked again at delivery (left out of its own frequency count). */
  messageId?: string;
}

/** Repositories acting as the system, in the caller's transaction. */
export interface RuleData {
  system<T = Record<string, unknown>>(entity: string): Repository<T>;
}

/** The latest consent of a customer for a channel and purpose, or `undefined`. */
export async function currentConsent(
  data: RuleData,
  customerId: string,
  channel: Channel,
  purpose: Purpose,
): Promise<Consent | undefined> {
  const { items } = await data.system<Consent>('consent').find({
    where: { customerId, channel, purpose },
    sort: ['-at', '-id'],
    limit: 1,
  });
  return items[0];
}

const deferOrDrop = (input: RuleInput, until: number, reason: StatusReason): RuleVerdict =>
  input.onlyNow
    ? {
        verdict: 'refuse',
        reason: {
          code: reason.code,
          message: `${reason.message}; the sender asked to send now or not at all`,
        },
      }
    : { verdict: 'defer', until, reason };

/**
 * The rules every send meets, for every plugin alike, at queue time and again just before
 * delivery (so an opt-out or a suppression that arrives while a message waits still stops it):
 * 1. a suppressed address (hard bounce, complaint, manual) gets nothing; one suppressed by an
 *    opt-out gets no marketing;
 * 2. marketing needs the customer's latest consent for the channel to be `in`;
 * 3. marketing waits for the end of quiet hours in the customer's time zone;
 * 4. marketing waits while a frequency cap is full.
 * A rule that defers drops the message instead when the sender said `onlyNow`.
 */
export async function evaluateRules(
  data: RuleData,
  options: MessagingOptions,
  deploymentZone: string,
  input: RuleInput,
): Promise<RuleVerdict> {
  const { items: suppressed } = await data.system<Suppression>('suppression').find({
    where: { channel: input.channel, address: input.address },
    limit: 1,
  });
  const suppression = suppressed[0];
  if (suppression && (suppression.reason !== 'opt-out' || input.purpose === 'marketing')) {
    return {
      verdict: 'refuse',
      reason: {
        code: `suppressed.${suppression.reason}`,
        message: `${input.address} is suppressed on ${input.channel} (${suppression.reason})`,
      },
    };
  }
  if (input.purpose !== 'marketing') return { verdict: 'send' };
  const customer = input.customer;
  if (!customer) {
    return {
      verdict: 'refuse',
      reason: {
        code: 'consent.noCustomer',
        message: 'marketing goes only to customers who opted in; this address is no customer',
      },
    };
  }
  const consent = await currentConsent(data, customer.id, input.channel, 'marketing');
  if (!consent) {
    return {
      verdict: 'refuse',
      reason: {
        code: 'consent.missing',
        message: `the customer has not opted in to marketing by ${input.channel}`,
      },
    };
  }
  if (consent.state === 'out') {
    return {
      verdict: 'refuse',
      reason: {
        code: 'consent.optedOut',
        message: `the customer opted out of marketing by ${input.channel} (${consent.source}, ${consent.at})`,
      },
    };
  }
  if (options.quietHours) {
    const zone = customer.timeZone ?? options.defaultTimeZone ?? deploymentZone;
    const until = quietUntil(input.now, zone, options.quietHours);
    if (until !== undefined) {
      return deferOrDrop(input, until, {
        code: 'quietHours',
        message: `quiet hours ${options.quietHours.start}–${options.quietHours.end} in ${zone}`,
      });
    }
  }
  const hold = await capHold(
    data.system<Message>('message'),
    options.frequencyCaps,
    customer.id,
    input.channel,
    input.now,
    input.messageId,
  );
  if (hold) {
    return deferOrDrop(input, hold.until, {
      code: 'frequencyCap',
      message: `at most ${hold.cap.max} marketing message(s) per ${hold.cap.window}${hold.cap.channel ? ` by ${hold.cap.channel}` : ''}`,
    });
  }
  return { verdict: 'send' };
}
