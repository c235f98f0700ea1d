import {
  fieldError,
  HookStage,
  isoTime,
  isSystemActor,
  NotFoundError,
  type RegisterContext,
} from '@rapport/core';
import { countTenurePurchases, lifecyclePatch } from '../lifecycle/lifecycle-patch.js';
import type { CustomersOptions } from '../options.js';
import { CUSTOMERS_PLUGIN_ID } from '../plugin-id.js';
import type { Contact } from './contact.js';
import { requireCustomer } from './contact-taps.js';
import type { Customer } from './customer.js';
import type { Interaction, InteractionRecord } from './interaction.js';

/** How far in the future an interaction may be dated (clock skew between systems). */
const FUTURE_TOLERANCE_MS = 86_400_000;

/**
 * Rules of `interaction`: its customer exists and its contact (if any) works there;
 * `occurredAt` defaults to now and may not lie more than a day ahead (interactions are what
 * happened; plans belong in a calendar); `byId` defaults to the acting user or API key.
 * An inbound interaction refreshes the customer's `value.lastInboundAt` when inbound contact
 * counts as activity (`lifecycle.activityFromInteractions`). Emits `customers.interaction.logged`.
 */
export function tapInteractionRules(ctx: RegisterContext<CustomersOptions>): void {
  const hooks = ctx.hooks.entity<Interaction>('interaction');

  hooks.validate.tapPromise({ name: CUSTOMERS_PLUGIN_ID, stage: HookStage.EARLY }, async (write) => {
    if (write.operation === 'delete') return;
    const { record, previous } = write;
    if (previous?.customerId !== record.customerId)
      await requireCustomer(write, 'interaction', record.customerId);
    if (
      record.contactId &&
      (previous?.contactId !== record.contactId || previous?.customerId !== record.customerId)
    ) {
      let contact: Contact | undefined;
      try {
        contact = await write.system<Contact>('contact').get(record.contactId);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
      if (!contact)
        throw fieldError(
          'interaction',
          'contactId',
          'customers.contact',
          `names no contact ('${record.contactId}')`,
        );
      if (contact.customerId !== record.customerId) {
        throw fieldError(
          'interaction',
          'contactId',
          'customers.contact',
          'names a contact of another customer',
        );
      }
    }
    if (record.occurredAt && Date.parse(record.occurredAt) > write.now() + FUTURE_TOLERANCE_MS) {
      throw fieldError('interaction', 'occurredAt', 'customers.future', 'lies more than a day in the future');
    }
  });

  hooks.beforeCreate.tapPromise(
    { name: CUSTOMERS_PLUGIN_ID, stage: HookStage.EARLY },
    async (record, write) => {
      const filled = { ...record } as InteractionRecord;
      filled.occurredAt = record.occurredAt ? isoTime(Date.parse(record.occurredAt)) : isoTime(write.now());
      if (!filled.byId && !isSystemActor(write.actor)) filled.byId = write.actor.id;
      return filled;
    },
  );
  hooks.beforeUpdate.tapPromise({ name: CUSTOMERS_PLUGIN_ID, stage: HookStage.EARLY }, async (record) =>
    record.occurredAt ? { ...record, occurredAt: isoTime(Date.parse(record.occurredAt)) } : record,
  );

  hooks.afterCreate.tapPromise(CUSTOMERS_PLUGIN_ID, async (interaction, write) => {
    const occurredAt = interaction.occurredAt as string;
    write.emit(`${CUSTOMERS_PLUGIN_ID}.interaction.logged`, {
      interactionId: interaction.id,
      customerId: interaction.customerId,
      channel: interaction.channel,
      direction: interaction.direction,
      occurredAt,
    });
    if (interaction.direction !== 'inbound' || !ctx.options.lifecycle.activityFromInteractions) return;
    const customers = write.system<Customer>('customer');
    const customer = await customers.get(interaction.customerId);
    if (!customer.value || (customer.value.lastInboundAt ?? '') >= occurredAt) return;
    const stats = { ...customer.value, lastInboundAt: occurredAt };
    const tenure = await countTenurePurchases(
      write.system('customerValue'),
      customer.id,
      customer.wonBackAt,
      stats.purchases,
    );
    const patch = lifecyclePatch(customer, stats, customer.wonBackAt, tenure, write.now(), ctx.options);
    await customers.update(customer.id, patch as Partial<Customer>);
  });
}
