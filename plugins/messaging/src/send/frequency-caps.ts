import type { Repository } from '@rapport/core';
import { isoTime } from '@rapport/core';
import type { Message } from '../entities/message.js';
import type { FrequencyCap } from '../options.js';
import type { Channel } from '../vocabulary.js';

const WINDOW_MS = { day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 } as const;

/** A frequency cap that holds a message back, and when the window lets it go. */
export interface CapHold {
  cap: FrequencyCap;
  /** The instant the oldest counted message leaves the window. */
  until: number;
}

/**
 * Checks a customer's marketing frequency caps (rolling windows, every sender counted): answers
 * the first cap that is full, with the instant enough of the window's messages have left it,
 * or `undefined`. Counts marketing messages sent or delivered in the window and those being
 * sent now. Mautic counts the same way; unlike its rule fixed in PR #4761, the next send is due
 * when the window allows, not a whole period ahead.
 */
export async function capHold(
  messages: Repository<Message>,
  caps: readonly FrequencyCap[],
  customerId: string,
  channel: Channel,
  now: number,
  excludeId?: string,
): Promise<CapHold | undefined> {
  for (const cap of caps) {
    if (cap.channel && cap.channel !== channel) continue;
    const windowStart = now - WINDOW_MS[cap.window];
    const base = {
      customerId,
      purpose: 'marketing',
      ...(cap.channel ? { channel: cap.channel } : {}),
      ...(excludeId ? { id: { ne: excludeId } } : {}),
    };
    const sending = await messages.count({ ...base, status: 'sending' });
    const sentWhere = {
      ...base,
      status: { in: ['sent', 'delivered'] },
      sentAt: { gte: isoTime(windowStart) },
    };
    const sent = await messages.count(sentWhere);
    if (sending + sent < cap.max) continue;
    // The window frees up when enough of its oldest sends have left it.
    const leaving = sending + sent - cap.max + 1;
    const { items } = await messages.find({
      where: sentWhere,
      sort: ['sentAt'],
      limit: Math.min(Math.max(leaving, 1), 1_000),
      fields: ['sentAt'],
    });
    const oldest = items[items.length - 1]?.sentAt;
    const until = oldest ? Date.parse(oldest) + WINDOW_MS[cap.window] : now + WINDOW_MS[cap.window];
    return { cap, until: Math.max(until, now + 1) };
  }
  return undefined;
}
