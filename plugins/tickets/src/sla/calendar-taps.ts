import { fieldError, RapportError, type RegisterContext } from '@rapport/core';
import type { BusinessCalendar } from '../entities/business-calendar.js';
import type { TicketsOptions } from '../options.js';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';
import { TicketsTapStage } from '../tap-stages.js';
import { assertBusinessHours } from './business-calendar.js';

/** A business calendar is checked beyond its schema: a known zone, ordered shifts, real dates. */
export function tapCalendarRules(ctx: RegisterContext<TicketsOptions>): void {
  ctx.hooks
    .entity<BusinessCalendar>('businessCalendar')
    .validate.tapPromise({ name: TICKETS_PLUGIN_ID, stage: TicketsTapStage.checks }, async (write) => {
      if (write.operation === 'delete') return;
      try {
        assertBusinessHours(write.record);
      } catch (error) {
        if (!(error instanceof RapportError)) throw error;
        const field = String((error.details as { field?: string } | undefined)?.field ?? 'hours');
        throw fieldError(
          'businessCalendar',
          field,
          'tickets.calendar',
          error.message.slice(field.length + 1),
        );
      }
    });
}
