import type { Actor, Repository } from '@rapport/core';
import type { CustomerRecord } from '../entities/customer.js';

/** One entry of a customer's timeline, from any plugin. */
export interface TimelineItem {
  /** Unique across every source (a record id: UUIDv7s are); ties on `at` are broken by it. */
  id: string;
  /** ISO 8601 UTC, as `Date#toISOString` writes it. */
  at: string;
  /** The contributing plugin (`customers`, `sales`). */
  source: string;
  /** What happened (`interaction`, `deal.won`, `order.placed`, `ticket.opened`, `points.earned`). */
  type: string;
  title: string;
  summary?: string;
  /** For interactions: the channel. */
  channel?: string;
  direction?: string;
  /** Who on our side. */
  byId?: string;
  /** The record behind the item. */
  ref?: { entity: string; id: string };
  /** Anything else a client may show. */
  data?: Record<string, unknown>;
}

/** A position in a timeline: items strictly older than (`at`, `id`) come next. */
export interface TimelinePosition {
  at: string;
  id: string;
}

/** What a timeline tap receives. */
export interface TimelineRequest {
  customerId: string;
  customer: CustomerRecord;
  /** Return only items strictly before this position (older, or same `at` and smaller `id`). */
  before?: TimelinePosition;
  /** Return at most this many items (the newest ones before `before`). */
  limit: number;
  /** The caller: read with `data`, so record rules apply. */
  actor: Actor;
  /** A repository acting as the caller. */
  data<T = Record<string, unknown>>(entity: string): Repository<T>;
  /** Whether the caller may read an entity; a source the caller may not read adds nothing. */
  canRead(entity: string): boolean;
  /** Adds items to the timeline. */
  add(items: TimelineItem[]): void;
}
