import { InvalidQueryError, isoTime, type Where } from '@rapport/core';
import type { TimelineItem, TimelinePosition } from './timeline-types.js';

const MAX_CURSOR = 1024;

function invalid(): InvalidQueryError {
  return new InvalidQueryError(
    'cursor: is malformed; pass the nextCursor of the previous timeline page unchanged',
    {
      details: { field: 'cursor', rule: 'cursor' },
    },
  );
}

/** Encodes a timeline position as an opaque cursor. */
export function encodeTimelineCursor(position: TimelinePosition): string {
  return Buffer.from(JSON.stringify({ t: 1, at: position.at, id: position.id }), 'utf8').toString(
    'base64url',
  );
}

/** Decodes a cursor made by {@link encodeTimelineCursor}; an `INVALID_QUERY` error otherwise. */
export function decodeTimelineCursor(cursor: string): TimelinePosition {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (value.t !== 1 || typeof value.at !== 'string' || typeof value.id !== 'string') throw invalid();
    if (Number.isNaN(Date.parse(value.at))) throw invalid();
    return { at: value.at, id: value.id };
  } catch {
    throw invalid();
  }
}

/** Newest first: later `at` first, then larger `id` first. */
export function compareTimeline(a: TimelinePosition, b: TimelinePosition): number {
  if (a.at !== b.at) return a.at > b.at ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id > b.id ? -1 : 1;
}

/** Is `item` strictly after `position` in newest-first order (older, or same time and smaller id)? */
export function isBefore(item: TimelinePosition, position: TimelinePosition | undefined): boolean {
  return !position || compareTimeline(item, position) > 0;
}

/**
 * The `where` a timeline source adds to its query so it returns only items older than the
 * cursor, for a record whose time is in `field`. Sort the same query with
 * `[`-${field}`, '-id']` and limit it to `request.limit`.
 *
 * @example
 * ```ts
 * const page = await request.data('deal').find({
 *   where: { customerId: request.customerId, ...timelineWhere('closedAt', request.before) },
 *   sort: ['-closedAt', '-id'],
 *   limit: request.limit,
 * });
 * ```
 */
export function timelineWhere(field: string, before: TimelinePosition | undefined): Where {
  if (!before) return {};
  return { or: [{ [field]: { lt: before.at } }, { [field]: before.at, id: { lt: before.id } }] };
}

/** Normalises an item's time to ISO 8601 UTC; `undefined` when it is not a time. */
export function normaliseItem(item: TimelineItem): TimelineItem | undefined {
  if (typeof item?.id !== 'string' || item.id === '' || typeof item.at !== 'string') return undefined;
  const ms = Date.parse(item.at);
  return Number.isNaN(ms) ? undefined : { ...item, at: isoTime(ms) };
}
