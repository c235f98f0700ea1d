import { type Actor, type DataStore, SYSTEM_ACTOR } from '@rapport/core';
import { type Customer, customers } from '@rapport/plugin-customers';
import { type Deal, type DealRecord, sales } from '@rapport/plugin-sales';
import { createTestKernel, type TestKernel } from '@rapport/testing';
import type { WebhooksInput } from '../options.js';
import { webhooks } from '../webhooks-plugin.js';

/** The options tests use: the local receiver's loopback range allowed, quick retries. */
export const LOCAL: WebhooksInput = {
  allowPrivateTargets: ['127.0.0.0/8'],
  retryBase: '10s',
  retryMax: '1h',
};

/** Boots customers, sales and webhooks on a manual clock. */
export function bootWebhooks(
  options: { webhooks?: WebhooksInput; store?: DataStore; plugins?: unknown[] } = {},
): Promise<TestKernel> {
  return createTestKernel({
    plugins: [
      customers({ currency: 'EUR' }),
      sales(),
      webhooks(options.webhooks ?? LOCAL),
      ...((options.plugins ?? []) as never[]),
    ],
    now: '2026-06-01T00:00:00.000Z',
    ...(options.store ? { store: options.store } : {}),
  });
}

/** A deal owned by `ownerId`, then won; answers it once its events are delivered. */
export async function winDeal(
  t: TestKernel,
  ownerId = 'rep-1',
  actor: Actor = SYSTEM_ACTOR,
): Promise<DealRecord> {
  const customer = await t.kernel
    .data<Customer>('customer', { actor: SYSTEM_ACTOR })
    .create({ kind: 'organisation', name: `Customer ${ownerId}` });
  const deals = t.kernel.data<Deal>('deal', { actor });
  const deal = (await deals.create({
    title: `Seats for ${ownerId}`,
    customerId: customer.id,
    lines: [{ product: 'seat', quantity: 3, unitPrice: { amount: 50_00, currency: 'EUR' } }],
    ownerId,
  })) as DealRecord;
  const won = (await deals.update(deal.id, { stage: 'won' })) as DealRecord;
  await t.settle();
  return won;
}
