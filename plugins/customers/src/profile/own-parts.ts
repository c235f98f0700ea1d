import { isoTime } from '@rapport/core';
import type { CustomerValue } from '../entities/customer-value.js';
import { describeFutureValue } from '../future-value/describe.js';
import type { CustomerHooks } from '../hooks/customer-hooks.js';
import { type CustomersOptions, DAY_MS } from '../options.js';
import { CUSTOMERS_PLUGIN_ID } from '../plugin-id.js';
import type { ProfileRequest } from './profile-types.js';

const days = (from: string | undefined, now: number) =>
  from ? Math.floor((now - Date.parse(from)) / DAY_MS) : null;

async function profiling(request: ProfileRequest): Promise<void> {
  const { customer } = request;
  const data: Record<string, unknown> = {
    kind: customer.kind,
    category: customer.category ?? 'consumer',
    internal: customer.internal ?? false,
    relationshipType: customer.relationshipType ?? 'basic',
    ownerId: customer.ownerId ?? null,
    client: Boolean(customer.ownerId),
    source: customer.source ?? null,
    acquiredAt: customer.acquiredAt ?? customer.createdAt,
    objective: customer.objective ?? {},
    subjective: customer.subjective ?? {},
    tags: customer.tags ?? [],
  };
  if (request.canRead('contact')) {
    data.contacts = await request.data('contact').count({ customerId: customer.id });
  }
  if (request.canRead('interaction')) {
    const rows = await request.data('interaction').aggregate({
      where: { customerId: customer.id },
      groupBy: ['channel'],
      measures: { n: 'count', last: 'max:occurredAt' },
    });
    data.interactions = {
      total: rows.reduce((sum, row) => sum + Number(row.n), 0),
      byChannel: Object.fromEntries(rows.map((row) => [String(row.channel), Number(row.n)])),
      lastAt:
        rows
          .map((row) => String(row.last))
          .sort()
          .pop() ?? null,
    };
  }
  request.contribute('profiling', {
    source: CUSTOMERS_PLUGIN_ID,
    summary: `${customer.kind} · ${customer.category ?? 'consumer'} · ${customer.relationshipType ?? 'basic'} relationship${customer.ownerId ? '' : ' · no owner yet (a customer, not yet a client)'}`,
    data,
  });
}

function persistency(request: ProfileRequest): void {
  const { customer } = request;
  const now = request.now();
  const value = customer.value;
  request.contribute('persistency', {
    source: CUSTOMERS_PLUGIN_ID,
    summary: `lifecycle stage ${customer.lifecycleStage ?? 'prospect'}`,
    data: {
      lifecycleStage: customer.lifecycleStage ?? 'prospect',
      lifecycleChangedAt: customer.lifecycleChangedAt ?? null,
      wonBackAt: customer.wonBackAt ?? null,
      relationshipDays: days(customer.acquiredAt ?? customer.createdAt, now),
      purchases: value?.purchases ?? 0,
      firstPurchaseAt: value?.firstPurchaseAt ?? null,
      lastPurchaseAt: value?.lastPurchaseAt ?? null,
      daysSinceLastPurchase: days(value?.lastPurchaseAt, now),
    },
  });
}

async function profitability(request: ProfileRequest, options: CustomersOptions): Promise<void> {
  const { customer } = request;
  const now = request.now();
  const value = customer.value;
  const data: Record<string, unknown> = {
    lifetimeValue: value?.lifetime ?? { amount: 0, currency: options.currency },
    windowValue: value?.window ?? { amount: 0, currency: options.currency },
    valueWindowDays: options.valueWindowDays,
    abcClass: customer.abcClass ?? null,
    basis: 'revenue (value records); margins need a plugin that knows costs',
  };
  if (request.canRead('customerValue')) {
    const [all] = await request.data<CustomerValue>('customerValue').aggregate({
      where: { at: { gte: isoTime(now - options.valueWindowDays * DAY_MS) } },
      measures: { total: 'sum:amount.amount' },
    });
    const total = Number(all?.total ?? 0);
    data.shareOfWindowValue = total > 0 ? (value?.window.amount ?? 0) / total : null;
  }
  request.contribute('profitability', {
    source: CUSTOMERS_PLUGIN_ID,
    summary: customer.abcClass ? `ABC class ${customer.abcClass}` : 'no value in the value window',
    data,
  });
}

async function performance(request: ProfileRequest, options: CustomersOptions): Promise<void> {
  const { customer } = request;
  const value = customer.value;
  const data: Record<string, unknown> = {
    rfm: customer.rfm ?? null,
    windowPurchases: value?.windowPurchases ?? 0,
    averagePurchase:
      value && value.windowPurchases > 0
        ? { amount: Math.round(value.window.amount / value.windowPurchases), currency: options.currency }
        : null,
  };
  if (request.canRead('customerValue')) {
    const now = request.now();
    const half = (options.valueWindowDays * DAY_MS) / 2;
    const [recent, earlier] = await Promise.all(
      [
        [now - half, now + DAY_MS],
        [now - 2 * half, now - half],
      ].map(async ([from, to]) => {
        const [row] = await request.data<CustomerValue>('customerValue').aggregate({
          where: { customerId: customer.id, at: { gte: isoTime(from as number), lt: isoTime(to as number) } },
          measures: { total: 'sum:amount.amount' },
        });
        return Number(row?.total ?? 0);
      }),
    );
    data.trend = {
      recentHalf: { amount: recent, currency: options.currency },
      earlierHalf: { amount: earlier, currency: options.currency },
      change: earlier ? ((recent as number) - (earlier as number)) / (earlier as number) : null,
    };
  }
  request.contribute('performance', {
    source: CUSTOMERS_PLUGIN_ID,
    summary: customer.rfm ? `RFM ${customer.rfm.code}` : 'no purchases in the value window',
    data,
  });
}

function prospecting(request: ProfileRequest): void {
  const fv = request.customer.futureValue;
  if (!fv) return;
  request.contribute('prospecting', {
    source: CUSTOMERS_PLUGIN_ID,
    summary: describeFutureValue(fv),
    data: { ...fv, model: 'BG/NBD + Gamma-Gamma' },
  });
}

/**
 * The plugin's own 7P contributions: Profiling (who they are, contacts, interactions by
 * channel), Persistency (lifecycle, relationship length, purchases), Profitability (value,
 * ABC class, share of all value), Performance (RFM, average purchase, trend) and Prospecting
 * (the future-value prediction, when fitted). Product and Promotion need plugins that know
 * products and campaigns.
 */
export function tapOwnProfileParts(hooks: CustomerHooks, options: CustomersOptions): void {
  hooks.profile.tapPromise(CUSTOMERS_PLUGIN_ID, async (request) => {
    await Promise.all([
      profiling(request),
      persistency(request),
      profitability(request, options),
      performance(request, options),
    ]);
    prospecting(request);
  });
}
