import type { RegisterContext } from '@rapport/core';
import { CUSTOMER_HOOKS } from '@rapport/plugin-customers';
import type { TicketsOptions } from '../options.js';
import { tapTicketsProfile } from './profile-tap.js';
import { tapTicketsTimeline } from './timeline-tap.js';

/** What tickets add to the customers plugin: tickets and ratings on the timeline, the service record in the 7P profile. */
export function tapCustomerHooks(ctx: RegisterContext<TicketsOptions>): void {
  const hooks = ctx.hooks.get(CUSTOMER_HOOKS);
  tapTicketsTimeline(hooks);
  tapTicketsProfile(hooks);
}
