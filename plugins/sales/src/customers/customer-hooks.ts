import type { RegisterContext } from '@rapport/core';
import { CUSTOMER_HOOKS } from '@rapport/plugin-customers';
import type { SalesOptions } from '../options.js';
import { tapCustomerDeleteGuard } from './delete-guard.js';
import { tapCustomerMerge } from './merge-tap.js';
import { tapCustomerProfile } from './profile-tap.js';
import { tapCustomerTimeline } from './timeline-tap.js';

/**
 * What sales adds to the customers plugin: deals and orders move with a merge, appear on the
 * timeline and in the 7P profile, and keep a customer who has them from being deleted.
 */
export function tapCustomerHooks(ctx: RegisterContext<SalesOptions>): void {
  const hooks = ctx.hooks.get(CUSTOMER_HOOKS);
  tapCustomerMerge(hooks);
  tapCustomerTimeline(hooks);
  tapCustomerProfile(hooks);
  tapCustomerDeleteGuard(ctx);
}
