import { fieldError, HookStage, isoTime, type RegisterContext } from '@rapport/core';
import { requireCustomer } from '../entities/contact-taps.js';
import type { Customer, CustomerValueStats } from '../entities/customer.js';
import type { CustomerValue, CustomerValueRecord } from '../entities/customer-value.js';
import { isWinBack } from '../lifecycle/derive-stage.js';
import { countTenurePurchases, lifecyclePatch } from '../lifecycle/lifecycle-patch.js';
import { type CustomersOptions, DAY_MS } from '../options.js';
import { CUSTOMERS_PLUGIN_ID } from '../plugin-id.js';
import { emptyStats } from './value-stats.js';

const IMMUTABLE: Array<keyof CustomerValue> = ['amount', 'at', 'kind', 'source', 'sourceId'];
const FUTURE_TOLERANCE_MS = 86_400_000;

/** Adds one value record to a customer's stats (the trailing window as of `now`). */
export function addToStats(
  stats: CustomerValueStats,
  value: CustomerValueRecord,
  now: number,
  options: CustomersOptions,
): CustomerValueStats {
  const inWindow = Date.parse(value.at) >= now - options.valueWindowDays * DAY_MS;
  const next: CustomerValueStats = {
    ...stats,
    lifetime: { ...stats.lifetime, amount: stats.lifetime.amount + value.amount.amount },
    window: { ...stats.window, amount: stats.window.amount + (inWindow ? value.amount.amount : 0) },
  };
  if (value.kind === 'purchase') {
    next.purchases = stats.purchases + 1;
    if (inWindow) next.windowPurchases = stats.windowPurchases + 1;
    if (!stats.firstPurchaseAt || value.at < stats.firstPurchaseAt) next.firstPurchaseAt = value.at;
    if (!stats.lastPurchaseAt || value.at > stats.lastPurchaseAt) next.lastPurchaseAt = value.at;
  }
  return next;
}

/**
 * Rules of `customerValue`: the customer exists; the amount is in the plugin's reporting
 * currency (convert before reporting: mixing currencies would make ABC meaningless); purchases
 * are ≥ 0 and refunds ≤ 0; `at` is normalised to UTC and not more than a day ahead; a stored
 * record never changes except its `customerId` (a merge moves it) — correct with a refund or
 * adjustment instead. Each new record updates its customer's value stats and lifecycle stage in
 * the same transaction, so a churned customer who buys is `won-back` at once.
 */
export function tapValueRules(ctx: RegisterContext<CustomersOptions>): void {
  const { options } = ctx;
  const hooks = ctx.hooks.entity<CustomerValue>('customerValue');

  hooks.validate.tapPromise({ name: CUSTOMERS_PLUGIN_ID, stage: HookStage.EARLY }, async (write) => {
    if (write.operation === 'delete') return;
    const { record, previous } = write;
    if (previous) {
      const changed = IMMUTABLE.find(
        (field) => JSON.stringify(previous[field]) !== JSON.stringify(record[field]),
      );
      if (changed) {
        throw fieldError(
          'customerValue',
          changed,
          'customers.immutable',
          'cannot change once recorded; record a refund or adjustment instead',
        );
      }
    }
    if (previous?.customerId !== record.customerId)
      await requireCustomer(write, 'customerValue', record.customerId);
    if (previous) return;
    if (record.amount.currency !== options.currency) {
      throw fieldError(
        'customerValue',
        'amount.currency',
        'customers.currency',
        `must be ${options.currency}, the reporting currency; convert the amount before recording it`,
      );
    }
    const kind = record.kind ?? 'purchase';
    if (
      (kind === 'purchase' && record.amount.amount < 0) ||
      (kind === 'refund' && record.amount.amount > 0)
    ) {
      throw fieldError(
        'customerValue',
        'amount.amount',
        'customers.sign',
        kind === 'purchase' ? 'must not be negative for a purchase' : 'must not be positive for a refund',
      );
    }
    if (Date.parse(record.at) > write.now() + FUTURE_TOLERANCE_MS) {
      throw fieldError('customerValue', 'at', 'customers.future', 'lies more than a day in the future');
    }
  });

  hooks.beforeCreate.tapPromise({ name: CUSTOMERS_PLUGIN_ID, stage: HookStage.EARLY }, async (record) => ({
    ...record,
    at: isoTime(Date.parse(record.at)),
  }));

  hooks.afterCreate.tapPromise(CUSTOMERS_PLUGIN_ID, async (record, write) => {
    const value = record as CustomerValueRecord;
    const now = write.now();
    const customers = write.system<Customer>('customer');
    const customer = await customers.get(value.customerId);
    const before = customer.value ?? emptyStats(options.currency);
    const stats = addToStats(before, value, now, options);
    let wonBackAt = customer.wonBackAt;
    if (
      value.kind === 'purchase' &&
      before.lastPurchaseAt &&
      value.at > before.lastPurchaseAt &&
      isWinBack(before.lastPurchaseAt, value.at, options.lifecycle)
    ) {
      wonBackAt = value.at;
    }
    const tenure = await countTenurePurchases(
      write.system('customerValue'),
      customer.id,
      wonBackAt,
      stats.purchases,
    );
    const patch = lifecyclePatch(customer, stats, wonBackAt, tenure, now, options);
    if (Object.keys(patch).length > 0) await customers.update(customer.id, patch as Partial<Customer>);
  });
}
