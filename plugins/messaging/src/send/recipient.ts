import { fieldError } from '@rapport/core';
import { type CustomerRecord, normaliseEmail, normalisePhone } from '@rapport/plugin-customers';
import type { Channel } from '../vocabulary.js';

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** An address in its normal form for a channel: a lower-case e-mail, an E.164 phone; `undefined` when it is none. */
export function normaliseAddress(
  channel: Channel,
  address: string,
  defaultRegion?: string,
): string | undefined {
  if (channel === 'email') {
    const email = normaliseEmail(address);
    return EMAIL.test(email) ? email : undefined;
  }
  if (channel === 'sms') {
    const phone = normalisePhone(address, defaultRegion);
    return phone.ok ? phone.e164 : undefined;
  }
  return address.trim() || undefined;
}

/**
 * The address a message goes to: the request's `to`, else the customer's e-mail or phone for
 * the channel; normalised. Throws a `ValidationError` naming `to` when there is none or it is
 * not an address of the channel.
 */
export function recipientAddress(
  channel: Channel,
  to: string | undefined,
  customer: CustomerRecord | undefined,
  defaultRegion: string | undefined,
): string {
  const given =
    to ?? (channel === 'email' ? customer?.email : channel === 'sms' ? customer?.phone : customer?.id);
  if (!given) {
    throw fieldError(
      'message',
      'to',
      'messaging.address.missing',
      `is needed: the customer has no ${channel === 'sms' ? 'phone number' : 'e-mail address'}`,
    );
  }
  const address = normaliseAddress(channel, given, defaultRegion);
  if (!address) {
    throw fieldError(
      'message',
      'to',
      'messaging.address.invalid',
      `'${given}' is not ${channel === 'sms' ? 'a phone number (E.164, or national with defaultRegion)' : 'an e-mail address'}`,
    );
  }
  return address;
}
