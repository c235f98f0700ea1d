import {
  HookStage,
  InvalidQueryError,
  normalizeWhere,
  type RegisterContext,
  type Where,
} from '@rapport/core';
import type { Segment } from '../entities/segment.js';
import { fieldError } from '../errors.js';
import type { CustomersOptions } from '../options.js';
import { PLUGIN_ID } from '../plugin-id.js';
import type { CustomersRuntime } from '../runtime.js';

/**
 * Rules of `segment`: `where` must be a valid query over `customer` (every field path known,
 * every operator and value type right), checked when the segment is saved rather than when it
 * is first counted.
 */
export function tapSegmentRules(ctx: RegisterContext<CustomersOptions>, runtime: CustomersRuntime): void {
  ctx.hooks
    .entity<Segment>('segment')
    .validate.tapPromise({ name: PLUGIN_ID, stage: HookStage.EARLY }, async (write) => {
      if (write.operation === 'delete') return;
      const customer = runtime.kernel().entities.get('customer');
      if (!customer) return;
      try {
        normalizeWhere(write.record.where as Where, customer.schema);
      } catch (error) {
        if (error instanceof InvalidQueryError) throw fieldError('segment', 'where', 'query', error.message);
        throw error;
      }
    });
}
