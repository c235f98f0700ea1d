import type { RegisterContext } from '@rapport/core';
import { CUSTOMER_HOOKS } from '@rapport/plugin-customers';
import type { TicketsOptions } from '../options.js';
import { tapCustomerMerge } from './merge-tap.js';
import { tapTicketsProfile } from './profile-tap.js';
import { tapTicketsTimeline } from './timeline-tap.js';

/**
 * What tickets add to the customers plugin: tickets and ratings on the timeline, the service
 * record in the 7P profile, and tickets, assets and ratings moving with a customer merge.
 */
export function tapCustomerHooks(ctx: RegisterContext<TicketsOptions>): void {
  const hooks = ctx.hooks.get(CUSTOMER_HOOKS);
  tapTicketsTimeline(hooks);
  tapTicketsProfile(hooks);
  tapCustomerMerge(hooks);
}
