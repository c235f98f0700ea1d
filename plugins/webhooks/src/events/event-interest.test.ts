import { createMemoryVolume, memoryStore, OUTBOX_COLLECTION, SYSTEM_ACTOR } from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createSubscription } from '../routes/subscription-service.js';
import { bootWebhooks, LOCAL } from '../test-support/boot.js';
import { type Receiver, startReceiver } from '../test-support/receiver.js';

describe('events nobody subscribed to', () => {
  const kernels: TestKernel[] = [];
  let receiver: Receiver;
  afterEach(async () => {
    for (const t of kernels.splice(0)) await t.stop();
    await receiver?.close();
  });

  it('write no outbox row; a subscription made in another process counts from its next sweep', async () => {
    receiver = await startReceiver();
    const volume = createMemoryVolume();
    const options = { webhooks: { ...LOCAL, sweepEvery: '5s' as const } };
    const a = await bootWebhooks({ ...options, store: memoryStore({ volume }) });
    const b = await bootWebhooks({ ...options, store: memoryStore({ volume }) });
    kernels.push(a, b);
    const outboxRows = () => b.kernel.store.transaction((tx) => tx.count(OUTBOX_COLLECTION));
    const customerOn = (t: TestKernel, name: string) =>
      t.kernel.data<Customer>('customer', { actor: SYSTEM_ACTOR }).create({ kind: 'person', name });
    // Nobody listens: writing a customer leaves no outbox row behind (before its own dispatch).
    await b.kernel.transaction(async (tx) => {
      await tx.data<Customer>('customer', { actor: SYSTEM_ACTOR }).create({ kind: 'person', name: 'Nobody' });
    });
    expect(await outboxRows()).toBe(0);

    await createSubscription(a.kernel, a.admin, {
      url: receiver.url,
      events: ['entity.created'],
      active: true,
    });
    await customerOn(a, 'Seen by A at once');
    await a.settle();
    expect(receiver.received).toHaveLength(1);
    await customerOn(b, 'Before B refreshed');
    await b.settle();
    expect(receiver.received).toHaveLength(1); // B has not seen the subscription yet
    await b.advance('5s'); // B's sweep re-reads the subscriptions
    await customerOn(b, 'After B refreshed');
    await b.settle();
    expect(receiver.received.map((r) => JSON.parse(r.body).data.name)).toEqual([
      'Seen by A at once',
      'After B refreshed',
    ]);
  });
});
