import { type Actor, ConflictError, createToken, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { CustomerValue, CustomerValueRecord } from '../entities/customer-value.js';
import { CUSTOMERS_PLUGIN_ID } from '../plugin-id.js';

/** Reports value for customers: how other plugins feed ABC, RFM and lifecycle. */
export interface CustomerValueRecorder {
  /**
   * Records one value event. With `source` and `sourceId` it is idempotent: reporting the same
   * order twice (an event handler retried) answers the first record with `created: false`.
   * Inside a transaction (a hook, a transactional event handler) it joins that transaction.
   */
  record(
    input: CustomerValue,
    options?: { actor?: Actor },
  ): Promise<{ record: CustomerValueRecord; created: boolean }>;
}

/** The token of the {@link CustomerValueRecorder}. */
export const CUSTOMER_VALUE = createToken<CustomerValueRecorder>(`${CUSTOMERS_PLUGIN_ID}.value`);

/** Creates the recorder of one kernel. */
export function createValueRecorder(kernel: Kernel): CustomerValueRecorder {
  const existing = async (actor: Actor, source: string, sourceId: string) => {
    const { items } = await kernel
      .data<CustomerValue>('customerValue', { actor })
      .find({ where: { source, sourceId }, limit: 1 });
    return items[0] as CustomerValueRecord | undefined;
  };
  return {
    async record(input, options = {}) {
      const actor = options.actor ?? SYSTEM_ACTOR;
      const { source, sourceId } = input;
      if (source && sourceId) {
        const found = await existing(actor, source, sourceId);
        if (found) return { record: found, created: false };
      }
      try {
        const record = await kernel.data<CustomerValue>('customerValue', { actor }).create(input);
        return { record: record as CustomerValueRecord, created: true };
      } catch (error) {
        // Lost a race on the (source, sourceId) unique index: the other writer's record stands.
        if (error instanceof ConflictError && source && sourceId) {
          const found = await existing(actor, source, sourceId);
          if (found) return { record: found, created: false };
        }
        throw error;
      }
    },
  };
}
