import { type Actor, createToken, type Kernel } from '@rapport/core';
import type { CustomerRecord } from './entities/customer.js';
import {
  type HoldoutInput,
  type HoldoutValidation,
  validateFutureValue,
} from './future-value/holdout-validation.js';
import type { CustomerHooks } from './hooks/customer-hooks.js';
import { lookupCustomer } from './identity/lookup.js';
import { type ImportReport, importCustomers } from './import/import-customers.js';
import {
  type MergePreview,
  type MergeResult,
  mergeCustomers,
  previewMerge,
} from './merge/merge-customers.js';
import type { CustomersOptions } from './options.js';
import { CUSTOMERS_PLUGIN_ID } from './plugin-id.js';
import type { CustomerProfile } from './profile/profile-types.js';
import { readProfile } from './profile/read-profile.js';
import { type RecomputeSummary, recomputeCustomers } from './recompute/recompute.js';
import { readTimeline, type TimelinePage, type TimelineQuery } from './timeline/read-timeline.js';

/** The customers plugin's operations, for other plugins, jobs, tools and tests. */
export interface CustomersService {
  /** Merges `mergedId` into `survivorId` as `actor` (see the README's "Merge"). */
  merge(actor: Actor, survivorId: string, mergedId: string): Promise<MergeResult>;
  /**
   * What {@link CustomersService.merge} would do — the survivor as it would be, the records that
   * would move by entity, the fields it would fill — or the refusal it would meet; writes nothing.
   */
  previewMerge(actor: Actor, survivorId: string, mergedId: string): Promise<MergePreview>;
  /** One page of a customer's timeline, newest first. */
  timeline(actor: Actor, customerId: string, query?: TimelineQuery): Promise<TimelinePage>;
  /** The 7P profile of a customer. */
  profile(actor: Actor, customerId: string): Promise<CustomerProfile>;
  /** Recomputes value, ABC, RFM and lifecycle for every customer now (joins a run in progress). */
  recompute(): Promise<RecomputeSummary>;
  /**
   * Holdout validation of the future-value model on this deployment's purchases, read as `actor`:
   * fitted up to `calibrationEnd`, checked on the `weeks` after it. Stores nothing.
   */
  validateFutureValue(actor: Actor, input: HoldoutInput): Promise<HoldoutValidation>;
  /** Imports customers as `actor`, deduplicating on phone and e-mail. */
  importCustomers(
    actor: Actor,
    rows: readonly unknown[],
    options?: { dryRun?: boolean },
  ): Promise<ImportReport>;
  /** Finds customers by phone or e-mail in any format. */
  lookup(actor: Actor, query: { phone?: string; email?: string }): Promise<CustomerRecord[]>;
}

/** The token of the {@link CustomersService}. */
export const CUSTOMERS = createToken<CustomersService>(`${CUSTOMERS_PLUGIN_ID}.service`);

/** What the service's operations work with: the kernel, the plugin's options and its published hooks. */
export interface CustomersContext {
  readonly kernel: Kernel;
  readonly options: CustomersOptions;
  readonly hooks: CustomerHooks;
}

/** Creates the service of one plugin instance (its factory gets the kernel). */
export function createCustomersService(context: CustomersContext): CustomersService {
  const { kernel, options } = context;
  let running: Promise<RecomputeSummary> | undefined;
  return {
    merge: (actor, survivorId, mergedId) => mergeCustomers(context, actor, survivorId, mergedId),
    previewMerge: (actor, survivorId, mergedId) => previewMerge(context, actor, survivorId, mergedId),
    timeline: (actor, customerId, query) => readTimeline(context, actor, customerId, query),
    profile: (actor, customerId) => readProfile(context, actor, customerId),
    recompute() {
      running ??= recomputeCustomers(kernel, options, kernel.clock.now(), kernel.logger).finally(() => {
        running = undefined;
      });
      return running;
    },
    importCustomers: (actor, rows, importOptions) => importCustomers(context, actor, rows, importOptions),
    validateFutureValue: (actor, input) =>
      validateFutureValue(kernel, actor, input, options.futureValue, kernel.clock.now()),
    lookup: (actor, query) => lookupCustomer(kernel, actor, query, options.defaultRegion),
  };
}
