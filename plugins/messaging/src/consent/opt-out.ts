import { type KernelTransaction, SYSTEM_ACTOR } from '@rapport/core';
import { suppress } from '../delivery/record-outcome.js';
import type { Consent } from '../entities/consent.js';
import { currentConsent } from '../send/rules.js';
import type { Channel, ConsentSource } from '../vocabulary.js';

/** Who opts out, of what, and how. */
export interface OptOut {
  channel: Channel;
  address: string;
  customerId?: string;
  source: ConsentSource;
  messageId?: string;
  note?: string;
}

/**
 * Opts a sender out of marketing on a channel, in the caller's transaction: a customer gets a
 * consent `out` (which suppresses their queued marketing at once); an address that is no customer
 * is suppressed (`opt-out`: no marketing). Answers whether anything changed — `false` when they
 * were already out, so a confirmation is sent once.
 */
export async function optOut(tx: KernelTransaction, request: OptOut): Promise<boolean> {
  const system = { system: <T>(entity: string) => tx.data<T>(entity, { actor: SYSTEM_ACTOR }) };
  if (request.customerId) {
    const current = await currentConsent(system, request.customerId, request.channel, 'marketing');
    if (current?.state === 'out') return false;
    await tx.data<Consent>('consent', { actor: SYSTEM_ACTOR }).create({
      customerId: request.customerId,
      channel: request.channel,
      purpose: 'marketing',
      state: 'out',
      source: request.source,
      address: request.address,
      ...(request.messageId ? { messageId: request.messageId } : {}),
      ...(request.note ? { note: request.note } : {}),
    });
    return true;
  }
  const { items } = await tx
    .data('suppression', { actor: SYSTEM_ACTOR })
    .find({ where: { channel: request.channel, address: request.address }, limit: 1 });
  if (items.length > 0) return false;
  await suppress(tx, {
    channel: request.channel,
    address: request.address,
    reason: 'opt-out',
    ...(request.messageId ? { messageId: request.messageId } : {}),
  });
  return true;
}
