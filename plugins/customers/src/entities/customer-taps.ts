import {
  ConflictError,
  HookStage,
  isSystemActor,
  type RegisterContext,
  ValidationError,
} from '@rapport/core';
import type { CustomersOptions } from '../options.js';
import { PLUGIN_ID } from '../plugin-id.js';
import { sameJson } from '../value/value-stats.js';
import { COMPUTED_CUSTOMER_FIELDS, type Customer } from './customer.js';

/** Entities of this plugin that hold a `customerId` and block deleting their customer. */
export const OWNED_REFERENCES = ['contact', 'interaction', 'customerValue'] as const;

/**
 * Rules of `customer` beyond identity:
 * - computed fields (lifecycle, ABC, RFM, value) are written only by the plugin (the system);
 *   a client may send them back unchanged (a read-modify-write), never changed;
 * - a customer that still has contacts, interactions or value records is not deleted (409):
 *   merge it into another customer, or delete those first — history is never dropped silently;
 * - events: `customers.customer.created`, `.lifecycleChanged`, `.abcClassChanged`.
 */
export function tapCustomerRules(ctx: RegisterContext<CustomersOptions>): void {
  const hooks = ctx.hooks.entity<Customer>('customer');

  hooks.validate.tapPromise({ name: PLUGIN_ID, stage: HookStage.EARLY }, async (write) => {
    if (isSystemActor(write.actor) || write.operation === 'delete') return;
    const written =
      write.operation === 'update'
        ? COMPUTED_CUSTOMER_FIELDS.filter(
            (field) =>
              write.patch && field in write.patch && !sameJson(write.record[field], write.previous?.[field]),
          )
        : COMPUTED_CUSTOMER_FIELDS.filter((field) =>
            field === 'lifecycleStage'
              ? write.record.lifecycleStage !== 'prospect'
              : write.record[field] !== undefined,
          );
    if (written.length > 0) {
      throw new ValidationError(
        `invalid customer: ${written.join(', ')} ${written.length === 1 ? 'is' : 'are'} computed by the customers plugin from value records and cannot be written`,
        written.map((path) => ({
          path,
          rule: `${PLUGIN_ID}.computed`,
          message: 'is computed by the customers plugin and cannot be written',
        })),
      );
    }
  });

  hooks.beforeDelete.tapPromise(PLUGIN_ID, async (customer, write) => {
    const counts: string[] = [];
    for (const entity of OWNED_REFERENCES) {
      const n = await write.system(entity).count({ customerId: customer.id });
      if (n > 0) counts.push(`${n} ${entity} record(s)`);
    }
    if (counts.length > 0) {
      throw ConflictError.state(
        `customer '${customer.name}' (${customer.id}) still has ${counts.join(', ')}: merge it into another customer, or delete those first`,
        { entity: 'customer', id: customer.id, references: counts },
      );
    }
  });

  hooks.afterCreate.tapPromise(PLUGIN_ID, async (customer, write) => {
    write.emit(`${PLUGIN_ID}.customer.created`, {
      customerId: customer.id,
      kind: customer.kind,
      category: customer.category ?? 'consumer',
      ...(customer.ownerId ? { ownerId: customer.ownerId } : {}),
      ...(customer.source ? { source: customer.source } : {}),
    });
  });

  hooks.afterUpdate.tapPromise(PLUGIN_ID, async (customer, write) => {
    const before = write.previous;
    if (!before) return;
    if (before.lifecycleStage !== customer.lifecycleStage) {
      write.emit(`${PLUGIN_ID}.customer.lifecycleChanged`, {
        customerId: customer.id,
        from: before.lifecycleStage ?? 'prospect',
        to: customer.lifecycleStage ?? 'prospect',
        at: customer.lifecycleChangedAt ?? customer.updatedAt,
      });
    }
    if (before.abcClass !== customer.abcClass) {
      write.emit(`${PLUGIN_ID}.customer.abcClassChanged`, {
        customerId: customer.id,
        from: before.abcClass ?? null,
        to: customer.abcClass ?? null,
      });
    }
  });
}
