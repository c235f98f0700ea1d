import { createKernel, createManualClock, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import { type Customer, customers } from '@rapport/plugin-customers';
import { type Deal, sales } from '@rapport/plugin-sales';
import { postgresStore } from '@rapport/store-postgres';
import { type TestDatabase, testDatabase } from '@rapport/store-postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookDelivery } from '../entities/webhook-delivery.js';
import { EVENT_INTEREST } from '../events/event-interest.js';
import { createSubscription } from '../routes/subscription-service.js';
import { LOCAL } from '../test-support/boot.js';
import { startReceiver } from '../test-support/receiver.js';
import { webhooks } from '../webhooks-plugin.js';
import { WEBHOOK_QUEUE } from './webhook-queue.js';

// Two server processes on one database, each with its own pool and clock, both dispatching the
// same outbox rows and sweeping the same queue at once: every event reaches the receiver once.
let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase('rapport_webhooks');
  console.log(`webhooks on PostgreSQL via ${database.origin}`);
}, 120_000);
afterAll(async () => database?.stop(), 60_000);

describe('two kernels on PostgreSQL', () => {
  it('deliver each event once, though both dispatch every event and sweep every retry', {
    timeout: 120_000,
  }, async () => {
    const schema = database.schema();
    const receiver = await startReceiver();
    const kernels: Kernel[] = [];
    try {
      for (let p = 0; p < 2; p += 1) {
        const kernel = await createKernel({
          store: postgresStore({ url: database.url, schema, max: 6 }),
          plugins: [customers({ currency: 'EUR' }), sales(), webhooks({ ...LOCAL, sweepEvery: '1s' })],
          clock: createManualClock('2026-06-01T00:00:00Z'),
          logger: { level: 'silent' },
          jobs: { timer: false },
          // neither dispatches on its own: the test makes both race for every outbox row
          outbox: { autoDispatch: false },
          secret: 'a-shared-server-secret-of-at-least-32-characters',
        });
        await kernel.start();
        kernels.push(kernel);
      }
      const [a, b] = kernels as [Kernel, Kernel];
      const admin = { id: 'admin', kind: 'user' as const, roles: ['admin'] };
      await createSubscription(a, admin, { url: receiver.url, events: ['sales.deal.won'], active: true });
      // The other process counts the new subscription from its next sweep (within sweepEvery).
      await b.resolve(EVENT_INTEREST).refresh(b);
      receiver.answerWith(500, 500, 500); // three first attempts fail: their retries race too
      const customer = await a
        .data<Customer>('customer', { actor: SYSTEM_ACTOR })
        .create({ kind: 'organisation', name: 'ACME' });
      const events = 12;
      for (let n = 0; n < events; n += 1) {
        const deals = (n % 2 === 0 ? a : b).data<Deal>('deal', { actor: SYSTEM_ACTOR });
        const deal = await deals.create({
          title: `Deal ${n}`,
          customerId: customer.id,
          lines: [{ product: 'seat', quantity: 1, unitPrice: { amount: 100, currency: 'EUR' } }],
          ownerId: 'rep-1',
        });
        await deals.update(deal.id, { stage: 'won' });
      }
      await Promise.all([a.events.drain(), b.events.drain(), a.events.drain(), b.events.drain()]);
      for (let round = 0; round < 8; round += 1) {
        for (const kernel of kernels) (kernel.clock as ReturnType<typeof createManualClock>).advance(30_000);
        await Promise.all(
          kernels.flatMap((kernel) => [kernel.jobs.runDue(), kernel.resolve(WEBHOOK_QUEUE).deliverDue()]),
        );
      }
      await Promise.all(kernels.map((kernel) => kernel.resolve(WEBHOOK_QUEUE).idle()));
      const deliveries = (
        await a.data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR }).find({ limit: 100 })
      ).items;
      expect(deliveries).toHaveLength(events);
      expect(deliveries.every((d) => d.status === 'delivered')).toBe(true);
      const delivered = receiver.received.filter(
        (r) => r.headers['x-rapport-event-name'] === 'sales.deal.won',
      );
      const ok = new Set<string>();
      // every event reached the receiver; the only repeats are the retries of the three 500s
      expect(delivered.length).toBe(events + 3);
      for (const request of delivered) ok.add(String(request.headers['x-rapport-event']));
      expect(ok.size).toBe(events);
      expect(deliveries.reduce((n, d) => n + d.attempts, 0)).toBe(events + 3);
    } finally {
      for (const kernel of kernels) await kernel.stop();
      await receiver.close();
      await database.dropSchema(schema);
    }
  });
});
