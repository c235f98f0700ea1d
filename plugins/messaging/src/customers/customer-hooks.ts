import type { RegisterContext } from '@rapport/core';
import { CUSTOMER_HOOKS } from '@rapport/plugin-customers';
import type { MessagingOptions } from '../options.js';
import { tapCustomerMerge } from './merge-tap.js';
import { tapCustomerProfile } from './profile-tap.js';
import { tapCustomerTimeZone } from './time-zone-tap.js';
import { tapCustomerTimeline } from './timeline-tap.js';

/**
 * What messaging adds to the customers plugin: a `timeZone` for quiet hours, outbound messages on
 * the timeline, marketing consent in the 7P profile's Promotion part, and a merge that moves
 * messages and consent history.
 */
export function tapCustomerHooks(ctx: RegisterContext<MessagingOptions>): void {
  const hooks = ctx.hooks.get(CUSTOMER_HOOKS);
  tapCustomerTimeline(hooks);
  tapCustomerProfile(hooks);
  tapCustomerMerge(hooks);
  tapCustomerTimeZone(ctx);
}
