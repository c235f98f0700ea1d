import {
  fieldError,
  HookStage,
  InvalidQueryError,
  normalizeWhere,
  type RegisterContext,
  type Where,
} from '@rapport/core';
import type { Segment } from '../entities/segment.js';
import type { CustomersOptions } from '../options.js';
import { CUSTOMERS_PLUGIN_ID } from '../plugin-id.js';

/**
 * Rules of `segment`: `where` must be a valid query over `customer` (every field path known,
 * every operator and value type right), checked when the segment is saved rather than when it
 * is first counted.
 */
export function tapSegmentRules(ctx: RegisterContext<CustomersOptions>): void {
  ctx.hooks
    .entity<Segment>('segment')
    .validate.tapPromise({ name: CUSTOMERS_PLUGIN_ID, stage: HookStage.EARLY }, async (write) => {
      if (write.operation === 'delete') return;
      try {
        normalizeWhere(write.record.where as Where, write.schemaOf('customer'));
      } catch (error) {
        if (error instanceof InvalidQueryError)
          throw fieldError('segment', 'where', 'customers.query', error.message);
        throw error;
      }
    });
}
