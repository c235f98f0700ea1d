import { SYSTEM_ACTOR } from '@rapport/core';
import { eventLog, type TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { WEBHOOK_ROLE } from '../access.js';
import type { WebhookDelivery, WebhookDeliveryRecord } from '../entities/webhook-delivery.js';
import type { WebhookSubscription } from '../entities/webhook-subscription.js';
import { createSubscription, enableSubscription, retryDelivery } from '../routes/subscription-service.js';
import { bootWebhooks, LOCAL, winDeal } from '../test-support/boot.js';
import { type Receiver, startReceiver } from '../test-support/receiver.js';
import { DELIVERY_DEAD, SUBSCRIPTION_DISABLED } from './record-outcome.js';
import { WEBHOOK_QUEUE } from './webhook-queue.js';

const SECOND = 1_000;

let t: TestKernel;
let receiver: Receiver;
afterEach(async () => {
  await t?.stop();
  await receiver?.close();
});

describe('retries on the test clock', () => {
  const deliveries = async () =>
    (
      await t.kernel
        .data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR })
        .find({ sort: ['createdAt', 'id'] })
    ).items as WebhookDeliveryRecord[];
  const only = async () => {
    const [delivery] = await deliveries();
    if (!delivery) throw new Error('no delivery');
    return delivery;
  };

  it('retries a failing receiver with exponential backoff and jitter, never early, with the same delivery id', async () => {
    receiver = await startReceiver();
    receiver.answerWith(503, 500);
    t = await bootWebhooks({ webhooks: { ...LOCAL, sweepEvery: '1s' } });
    const { subscription } = await createSubscription(t.kernel, t.admin, {
      url: receiver.url,
      events: ['sales.deal.won'],
      active: true,
    });
    await winDeal(t);
    expect(receiver.received).toHaveLength(1);
    const won = await only();
    const waits: number[] = [];
    const wonState = async () =>
      (await t.kernel
        .data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR })
        .get(won.id)) as WebhookDeliveryRecord;
    for (const [attempt, ceiling] of [
      [1, 10],
      [2, 20],
    ] as const) {
      const state = await wonState();
      expect(state).toMatchObject({
        status: 'queued',
        attempts: attempt,
        responseStatus: attempt === 1 ? 503 : 500,
      });
      const wait = Date.parse(state.nextAttemptAt as string) - t.clock.now();
      expect(wait).toBeGreaterThanOrEqual((ceiling * SECOND) / 2);
      expect(wait).toBeLessThanOrEqual(ceiling * SECOND);
      waits.push(wait);
      const before = receiver.received.length;
      await t.advance(wait - SECOND); // not yet due: nothing is sent
      expect(receiver.received.length).toBe(before);
      await t.advance('1s');
      expect(receiver.received.length).toBe(before + 1);
    }
    expect(await wonState()).toMatchObject({ status: 'delivered', attempts: 3, responseStatus: 200 });
    const ids = receiver.received.filter((r) => r.headers['x-rapport-event-name'] === 'sales.deal.won');
    expect(new Set(ids.map((r) => r.headers['x-rapport-delivery']))).toEqual(new Set([won.id]));
    expect(new Set(ids.map((r) => r.body)).size).toBe(1); // the same bytes each time
    expect(new Set(ids.map((r) => r.headers['x-rapport-timestamp'])).size).toBe(3); // signed afresh
    expect(waits[1]).toBeGreaterThanOrEqual(waits[0] as number); // doubling outgrows the jitter
    const stored = await t.kernel
      .data<WebhookSubscription>('webhookSubscription', { actor: SYSTEM_ACTOR })
      .get(subscription.id);
    expect(stored).toMatchObject({ failureCount: 0, active: true });
  });

  it('gives a delivery up after maxAttempts, and disables a subscription that keeps failing, with an event and a notice', async () => {
    receiver = await startReceiver();
    receiver.answerWith(...Array.from({ length: 50 }, () => 500));
    const log = eventLog([SUBSCRIPTION_DISABLED, DELIVERY_DEAD], ['webhooks']);
    t = await bootWebhooks({
      webhooks: { ...LOCAL, maxAttempts: 2, disableAfter: 3, sweepEvery: '1s' },
      plugins: [log.plugin()],
    });
    const { subscription } = await createSubscription(t.kernel, t.admin, {
      url: receiver.url,
      events: ['sales.deal.won'],
      active: true,
    });
    await winDeal(t, 'rep-1');
    expect(await only()).toMatchObject({ status: 'queued', attempts: 1 });
    await t.advance('10s');
    expect(await only()).toMatchObject({ status: 'dead', attempts: 2, responseStatus: 500 });
    expect(log.seen.map((e) => e.name)).toEqual([DELIVERY_DEAD]);
    await winDeal(t, 'rep-2'); // the third failure in a row
    const subscriptions = t.kernel.data<WebhookSubscription>('webhookSubscription', { actor: SYSTEM_ACTOR });
    const disabled = await subscriptions.get(subscription.id);
    expect(disabled).toMatchObject({ active: false, failureCount: 3 });
    expect(disabled.disabledReason).toMatch(
      /^3 failed attempts in a row; the last: the receiver answered 500/,
    );
    expect(log.seen.map((e) => e.name)).toEqual([DELIVERY_DEAD, SUBSCRIPTION_DISABLED]);
    expect(log.seen[1]?.payload).toMatchObject({
      entity: 'webhookSubscription',
      id: subscription.id,
      failures: 3,
    });
    // The console's notice: the disabled list shows it, with the reason.
    const view = t.kernel.views.list().find((v) => v.id === 'webhooks.disabled');
    expect(view).toMatchObject({ kind: 'list', where: { active: false } });
    expect((await subscriptions.find({ where: { active: false } })).items.map((s) => s.id)).toEqual([
      subscription.id,
    ]);

    // Nothing is queued or sent while it is off; its held retry resumes once it is enabled.
    const sent = receiver.received.length;
    await winDeal(t, 'rep-3');
    await t.advance('1h');
    expect(receiver.received.length).toBe(sent);
    expect((await deliveries()).length).toBe(2);
    const metric = async (id: string) =>
      (
        await t.kernel.metrics.compute(
          id,
          { from: Date.parse('2026-06-01T00:00:00Z'), to: Date.parse('2026-06-02T00:00:00Z') },
          { actor: t.admin },
        )
      ).value;
    expect(await metric('webhooks.disabledSubscriptions')).toBe(1);
    expect(await metric('webhooks.deliverySuccessRate')).toBe(0); // one dead, none delivered; one still queued
    receiver.answerOk(); // the receiver is fixed
    await enableSubscription(t.kernel, t.admin, subscription.id);
    expect(await subscriptions.get(subscription.id)).toMatchObject({ active: true, failureCount: 0 });
    await t.advance('1s');
    const held = (await deliveries())[1];
    expect(held).toMatchObject({ eventName: 'sales.deal.won', status: 'delivered', attempts: 2 });
    expect(receiver.received.length).toBe(sent + 1);
    expect(await metric('webhooks.disabledSubscriptions')).toBe(0);
    expect(await metric('webhooks.deliverySuccessRate')).toBe(0.5); // one delivered, one dead
    expect(await metric('webhooks.deliveries')).toBe(1);
    // the operators' figures: three attempts answered 500 (each to be tried again, or given up),
    // then one delivered
    const scraped = await t.kernel.telemetry.registry.metrics();
    expect(scraped).toContain('rapport_webhooks_attempts_total{outcome="retry"} 3');
    expect(scraped).toContain('rapport_webhooks_attempts_total{outcome="delivered"} 1');
    expect(scraped).toContain('rapport_webhooks_attempt_seconds_count{outcome="delivered"} 1');
  });
});

describe('the delivery log', () => {
  it('keeps finished deliveries for keepDeliveries, and never removes queued ones', async () => {
    receiver = await startReceiver();
    t = await bootWebhooks({
      webhooks: { ...LOCAL, sweepEvery: '1h', keepDeliveries: '2d', maxAttempts: 50, retryMax: '1d' },
    });
    await createSubscription(t.kernel, t.admin, {
      url: receiver.url,
      events: ['sales.deal.won'],
      active: true,
    });
    await winDeal(t, 'rep-1'); // delivered
    receiver.answerWith(...Array.from({ length: 40 }, () => 500));
    await winDeal(t, 'rep-2'); // keeps failing: queued
    const all = t.kernel.data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR });
    expect(await all.count({})).toBe(2);
    await t.advance('1d');
    expect(await all.count({})).toBe(2);
    await t.advance('1d');
    await t.advance('2h');
    const left = (await all.find({})).items;
    expect(left.map((d) => d.status)).toEqual(['queued']);
  });
});

describe('sending a given-up delivery again', () => {
  it('queues a dead delivery anew, and refuses one that is not given up with a 409', async () => {
    receiver = await startReceiver();
    receiver.answerWith(500);
    t = await bootWebhooks({ webhooks: { ...LOCAL, maxAttempts: 1 } });
    await createSubscription(t.kernel, t.admin, {
      url: receiver.url,
      events: ['sales.deal.won'],
      active: true,
    });
    await winDeal(t);
    const all = t.kernel.data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR });
    const [dead] = (await all.find({})).items;
    expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
    const other = t.actor(['agent', WEBHOOK_ROLE], undefined, 'someone-else');
    await expect(retryDelivery(t.kernel, other, dead?.id as string)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await retryDelivery(t.kernel, t.admin, dead?.id as string)).toMatchObject({
      status: 'queued',
      attempts: 0,
    });
    await t.kernel.resolve(WEBHOOK_QUEUE).idle();
    expect(await all.get(dead?.id as string)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(receiver.received).toHaveLength(2);
    await expect(retryDelivery(t.kernel, t.admin, dead?.id as string)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { status: 'delivered' },
    });
  });
});
