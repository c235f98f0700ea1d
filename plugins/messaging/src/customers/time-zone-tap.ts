import { fieldError, type RegisterContext, timeZoneProblem } from '@rapport/core';
import type { MessagingOptions } from '../options.js';
import { MESSAGING_PLUGIN_ID } from '../plugin-id.js';

/** A customer's `timeZone` (added by this plugin, for quiet hours) must be an IANA zone the runtime knows. */
export function tapCustomerTimeZone(ctx: RegisterContext<MessagingOptions>): void {
  ctx.hooks
    .entity<{ timeZone?: string }>('customer')
    .validate.tapPromise(MESSAGING_PLUGIN_ID, async (write) => {
      if (write.operation === 'delete' || write.record.timeZone === undefined) return;
      const problem = timeZoneProblem(write.record.timeZone);
      if (problem) throw fieldError('customer', 'timeZone', 'messaging.timeZone', problem);
    });
}
