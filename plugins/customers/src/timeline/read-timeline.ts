import type { Actor } from '@rapport/core';
import { fieldError } from '@rapport/core';
import type { Customer, CustomerRecord } from '../entities/customer.js';
import type { CustomersContext } from '../service.js';
import {
  compareTimeline,
  decodeTimelineCursor,
  encodeTimelineCursor,
  isBefore,
  normaliseItem,
} from './timeline-cursor.js';
import type { TimelineItem } from './timeline-types.js';

/** A page of a customer's timeline. */
export interface TimelinePage {
  items: TimelineItem[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/** Paging of {@link readTimeline}. */
export interface TimelineQuery {
  /** 1–100, default 20. */
  limit?: number;
  cursor?: string;
}

/** Largest timeline page. */
export const MAX_TIMELINE_LIMIT = 100;

/**
 * One page of a customer's timeline, newest first, across every source that taps the
 * `timeline` hook (this plugin's interactions, and deals, orders, tickets, points of the plugins
 * installed). The cursor holds the (time, id) of the last item; each source is asked for its
 * `limit + 1` newest items before it, and the union is merge-sorted, so pages never repeat or
 * skip an item however the sources interleave. Reads act as `actor`: record rules apply, and a
 * source the actor may not read contributes nothing.
 */
export async function readTimeline(
  context: CustomersContext,
  actor: Actor,
  customerId: string,
  query: TimelineQuery = {},
): Promise<TimelinePage> {
  const limit = query.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TIMELINE_LIMIT) {
    throw fieldError(
      'timeline',
      'limit',
      'customers.limit',
      `must be an integer from 1 to ${MAX_TIMELINE_LIMIT}`,
    );
  }
  const before = query.cursor === undefined ? undefined : decodeTimelineCursor(query.cursor);
  const kernel = context.kernel;
  const customer = (await kernel.data<Customer>('customer', { actor }).get(customerId)) as CustomerRecord;
  const collected: TimelineItem[] = [];
  await context.hooks.timeline.promise({
    customerId,
    customer,
    ...(before ? { before } : {}),
    limit: limit + 1,
    actor,
    data: (entity) => kernel.data(entity, { actor }),
    canRead: (entity) => kernel.access.can(actor, entity, 'read'),
    add: (items) => {
      collected.push(...items);
    },
  });
  const seen = new Set<string>();
  const items = collected
    .map(normaliseItem)
    .filter((item): item is TimelineItem => item !== undefined && isBefore(item, before))
    .sort(compareTimeline)
    .filter((item) => !seen.has(item.id) && Boolean(seen.add(item.id)));
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  return items.length > limit && last
    ? { items: page, nextCursor: encodeTimelineCursor(last) }
    : { items: page };
}
