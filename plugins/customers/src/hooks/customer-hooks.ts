import { type Actor, createToken, type Repository } from '@rapport/core';
import { AsyncParallelHook, AsyncSeriesHook } from 'tapable';
import type { CustomerRecord } from '../entities/customer.js';
import { CUSTOMERS_PLUGIN_ID } from '../plugin-id.js';
import type { ProfilePart, ProfileRequest } from '../profile/profile-types.js';
import type { TimelineRequest } from '../timeline/timeline-types.js';

/** The data API a merge tap writes with: everything runs inside the merge's transaction. */
export interface MergeWrite {
  /** A repository acting as the actor who asked for the merge (their record rules apply). */
  data<T = Record<string, unknown>>(entity: string): Repository<T>;
  /** A repository acting as the system: use it to move every reference, hidden or not. */
  system<T = Record<string, unknown>>(entity: string): Repository<T>;
  /** Emits a domain event in the merge's transaction. */
  emit(name: string, payload: Record<string, unknown>): void;
  /** Kernel clock, ms. */
  now(): number;
}

/** What a merge tap receives. Move your references from `mergedId` to `survivorId`. */
export interface MergeRequest {
  survivorId: string;
  mergedId: string;
  survivor: CustomerRecord;
  merged: CustomerRecord;
  actor: Actor;
  write: MergeWrite;
  /** Reports how many records of an entity the tap moved (kept in the merge's audit trail). */
  moved(entity: string, count: number): void;
  /**
   * Moves every record of `entity` whose `field` (default `customerId`) names the merged customer
   * to the survivor, as the system (no record rule leaves a reference behind), reports the count
   * with {@link MergeRequest.moved} and answers it. The common case of a merge tap in one call.
   */
  moveReferences(entity: string, field?: string): Promise<number>;
}

/**
 * The hooks the customers plugin publishes under {@link CUSTOMER_HOOKS} for plugins that
 * depend on it. Tap them in your own `register` with `ctx.hooks.get(CUSTOMER_HOOKS)`.
 */
export interface CustomerHooks {
  /**
   * Series, inside the merge transaction: move your references (deals, orders, tickets,
   * members) from the merged customer to the survivor. A throw rolls the whole merge back.
   */
  merge: AsyncSeriesHook<[MergeRequest]>;
  /**
   * Parallel: contribute timeline items for one customer, newest first, strictly before
   * `request.before`, at most `request.limit` of them, with `request.add(items)`.
   */
  timeline: AsyncParallelHook<[TimelineRequest]>;
  /** Parallel: contribute to the 7P parts of a customer's profile with `request.contribute(part, ...)`. */
  profile: AsyncParallelHook<[ProfileRequest]>;
}

/** The token the customers plugin publishes its hooks under. */
export const CUSTOMER_HOOKS = createToken<CustomerHooks>(`${CUSTOMERS_PLUGIN_ID}.hooks`);

/** Creates a fresh hook set (one per kernel). */
export function createCustomerHooks(): CustomerHooks {
  return {
    merge: new AsyncSeriesHook(['request']),
    timeline: new AsyncParallelHook(['request']),
    profile: new AsyncParallelHook(['request']),
  };
}

export type { ProfilePart };
