import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '@rapport/core';
import { lowdbStore } from '@rapport/store-lowdb';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookDelivery, WebhookDeliveryRecord } from '../entities/webhook-delivery.js';
import { createSubscription } from '../routes/subscription-service.js';
import { bootWebhooks, LOCAL, winDeal } from '../test-support/boot.js';
import { type Receiver, startReceiver } from '../test-support/receiver.js';

describe('a restart in the middle of a retry sequence', () => {
  let t: TestKernel | undefined;
  let receiver: Receiver;
  let dir: string;
  afterEach(async () => {
    await t?.stop();
    await receiver?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('resumes from the store: the retry goes out after the restart, once, with the same delivery id', async () => {
    dir = await mkdtemp(join(tmpdir(), 'rapport-webhooks-'));
    receiver = await startReceiver();
    receiver.answerWith(500, 500);
    const options = { webhooks: { ...LOCAL, sweepEvery: '1s' as const } };
    t = await bootWebhooks({ ...options, store: lowdbStore({ dir }) });
    await createSubscription(t.kernel, t.admin, {
      url: receiver.url,
      events: ['sales.deal.won'],
      active: true,
    });
    await winDeal(t);
    await t.advance('10s'); // the first retry: fails too
    const read = async (kernel: TestKernel) =>
      (await kernel.kernel.data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR }).find({}))
        .items as WebhookDeliveryRecord[];
    const [before] = await read(t);
    expect(before).toMatchObject({ status: 'queued', attempts: 2 });
    const due = Date.parse(before?.nextAttemptAt as string);
    await t.stop();
    t = undefined;

    // A new process on the same data folder, its clock where the old one stopped.
    t = await bootWebhooks({ ...options, store: lowdbStore({ dir }) });
    t.clock.set(due - 5_000);
    await t.advance('1s');
    expect(receiver.received).toHaveLength(2); // not yet due
    t.clock.set(due);
    await t.advance('1s');
    const [after] = await read(t);
    expect(after).toMatchObject({ id: before?.id, status: 'delivered', attempts: 3, responseStatus: 200 });
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers['x-rapport-delivery']))).toEqual(
      new Set([before?.id]),
    );
    await t.advance('1h');
    expect(receiver.received).toHaveLength(3);
  });

  it('takes over a delivery a stopped process left sending, once its lease ends', async () => {
    dir = await mkdtemp(join(tmpdir(), 'rapport-webhooks-'));
    receiver = await startReceiver();
    const options = { webhooks: { ...LOCAL, sweepEvery: '1s' as const, sendingLease: '1m' as const } };
    t = await bootWebhooks({ ...options, store: lowdbStore({ dir }) });
    await createSubscription(t.kernel, t.admin, {
      url: receiver.url,
      events: ['sales.deal.won'],
      active: true,
    });
    // The process dies between the claim and the answer: the row says `sending`.
    await winDeal(t);
    const deliveries = t.kernel.data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR });
    const [sent] = (await deliveries.find({})).items;
    expect(sent).toMatchObject({ status: 'delivered' });
    const stranded = await t.kernel.transaction(async (tx) => {
      const copy = tx.data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR });
      const {
        id: _i,
        createdAt: _c,
        updatedAt: _u,
        version: _v,
        deliveredAt: _d,
        ...rest
      } = sent as WebhookDeliveryRecord;
      return copy.create({
        ...rest,
        eventId: 'crashed-event',
        status: 'sending',
        attempts: 1,
        leaseUntil: new Date(t?.clock.now() as number).toISOString(),
      });
    });
    await t.stop();
    t = await bootWebhooks({ ...options, store: lowdbStore({ dir }) });
    await t.advance('1s');
    const taken = await t.kernel
      .data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR })
      .get(stranded.id);
    expect(taken).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(receiver.received.at(-1)?.headers['x-rapport-delivery']).toBe(stranded.id);
  });
});
