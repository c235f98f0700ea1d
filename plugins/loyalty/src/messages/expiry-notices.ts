import { type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import { MESSAGING } from '@rapport/plugin-messaging';
import { DateTime } from 'luxon';
import type { Member } from '../entities/member.js';
import type { Programme } from '../entities/programme.js';
import { LOYALTY_PLUGIN_ID } from '../plugin-id.js';

/**
 * Tells members ahead of expiry, through messaging (a transactional SMS to the member number):
 * those whose next points expire within the programme's `expiryNoticeDays` (default 30; 0 turns
 * notices off) get one message per expiry date (key `loyalty-expiry:<memberId>:<date>`), naming
 * the points and the date in the deployment's zone. Returns how many were told this run.
 */
export async function sendExpiryNotices(kernel: Kernel): Promise<number> {
  const now = kernel.clock.now();
  const programmes = await kernel
    .data<Programme>('loyaltyProgramme', { actor: SYSTEM_ACTOR })
    .find({ where: { status: 'active' }, limit: 100 });
  const messaging = kernel.resolve(MESSAGING);
  let told = 0;
  for (const programme of programmes.items) {
    const days = programme.expiryNoticeDays ?? 30;
    if (days <= 0) continue;
    const until = new Date(now + days * 86_400_000).toISOString();
    let cursor: string | undefined;
    do {
      const page = await kernel.data<Member>('loyaltyMember', { actor: SYSTEM_ACTOR }).find({
        where: {
          programmeId: programme.id,
          status: 'active',
          nextExpiry: { gt: new Date(now).toISOString(), lte: until },
        },
        sort: ['nextExpiry'],
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const member of page.items) {
        const at = member.nextExpiry as string;
        const points = member.nextExpiryPoints ?? 0;
        if (points <= 0) continue;
        const date = DateTime.fromISO(at, { zone: kernel.timeZone }).toISODate();
        const { created } = await messaging.send(
          {
            channel: 'sms',
            purpose: 'transactional',
            customerId: member.customerId,
            to: member.number,
            text: `${points} ${programme.name} points expire on ${date}. Redeem them before then.`,
            idempotencyKey: `loyalty-expiry:${member.id}:${at}`,
            source: { plugin: LOYALTY_PLUGIN_ID, entity: 'loyaltyMember', recordId: member.id },
          },
          { actor: SYSTEM_ACTOR },
        );
        if (created) told += 1;
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
  return told;
}
