import type { Actor, FindQuery, Kernel, Page, Where } from '@rapport/core';
import type { Customer, CustomerRecord } from '../entities/customer.js';
import type { Segment, SegmentRecord } from '../entities/segment.js';

/** A segment with its live member count, as the reader may see it. */
export type CountedSegment = SegmentRecord & { count: number };

/**
 * Counts a segment's members now, as `actor`: record rules apply, so two readers may see two
 * counts of one segment — each the number of customers they could list.
 */
export async function countSegment(
  kernel: Kernel,
  actor: Actor,
  segment: SegmentRecord,
): Promise<CountedSegment> {
  const count = await kernel.data('customer', { actor }).count(segment.where as Where);
  return { ...segment, count };
}

/** A segment with its live count. */
export async function readSegment(kernel: Kernel, actor: Actor, id: string): Promise<CountedSegment> {
  const segment = await kernel.data<Segment>('segment', { actor }).get(id);
  return countSegment(kernel, actor, segment as SegmentRecord);
}

/** One page of segments, each with its live count. */
export async function listSegments(
  kernel: Kernel,
  actor: Actor,
  query: FindQuery,
): Promise<Page<CountedSegment>> {
  const page = await kernel.data<Segment>('segment', { actor }).find(query);
  const items = await Promise.all(page.items.map((s) => countSegment(kernel, actor, s as SegmentRecord)));
  return page.nextCursor ? { items, nextCursor: page.nextCursor } : { items };
}

/** One page of a segment's members (`where` comes from the segment; sort, limit, cursor, fields from the caller). */
export async function segmentMembers(
  kernel: Kernel,
  actor: Actor,
  id: string,
  query: Omit<FindQuery, 'where'>,
): Promise<Page<CustomerRecord>> {
  const segment = await kernel.data<Segment>('segment', { actor }).get(id);
  return (await kernel
    .data<Customer>('customer', { actor })
    .find({ ...query, where: segment.where as Where })) as Page<CustomerRecord>;
}
