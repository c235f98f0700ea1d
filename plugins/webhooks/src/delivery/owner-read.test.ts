import { definePlugin, SYSTEM_ACTOR } from '@rapport/core';
import { customers } from '@rapport/plugin-customers';
import { sales } from '@rapport/plugin-sales';
import { revokeApiKey } from '@rapport/server';
import { createTestServer, type TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { WEBHOOK_ROLE } from '../access.js';
import type { WebhookDelivery, WebhookDeliveryRecord } from '../entities/webhook-delivery.js';
import type { WebhookSubscription } from '../entities/webhook-subscription.js';
import { createSubscription } from '../routes/subscription-service.js';
import { bootWebhooks, LOCAL, winDeal } from '../test-support/boot.js';
import { type Receiver, startReceiver } from '../test-support/receiver.js';
import { webhooks } from '../webhooks-plugin.js';

const deliveriesOf = async (t: TestKernel) =>
  (
    await t.kernel
      .data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR })
      .find({ sort: ['createdAt', 'id'] })
  ).items as WebhookDeliveryRecord[];

describe('only what the owner may read', () => {
  let t: TestKernel;
  let receiver: Receiver;
  afterEach(async () => {
    await t?.stop();
    await receiver?.close();
  });

  it("delivers a rep's own won deals and skips, with the reason, the deals a record rule hides from them", async () => {
    receiver = await startReceiver();
    t = await bootWebhooks();
    const rep = t.actor(['salesRep', WEBHOOK_ROLE], undefined, 'rep-1');
    const { subscription } = await createSubscription(t.kernel, rep, {
      url: receiver.url,
      events: ['sales.deal.won'],
      active: true,
    });
    expect(subscription).toMatchObject({
      ownerId: 'rep-1',
      ownerKind: 'user',
      ownerRoles: ['salesRep', WEBHOOK_ROLE],
    });
    const theirs = await winDeal(t, 'rep-2');
    const mine = await winDeal(t, 'rep-1');
    const [skipped, delivered] = await deliveriesOf(t);
    expect(skipped).toMatchObject({ status: 'skipped', attempts: 0, ownerId: 'rep-1' });
    expect(skipped?.skippedReason).toBe(`its owner may not read deal ${theirs.id}`);
    expect(skipped?.body).toBeUndefined();
    expect(delivered).toMatchObject({ status: 'delivered' });
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0]?.body as string).data.id).toBe(mine.id);
    expect(receiver.received[0]?.body).not.toContain(theirs.id);

    // The delivery log is the owner's: another rep sees neither the subscription nor its deliveries.
    const other = t.actor(['salesRep', WEBHOOK_ROLE], undefined, 'rep-2');
    expect(await t.kernel.data('webhookSubscription', { actor: other }).count({})).toBe(0);
    expect(await t.kernel.data('webhookDelivery', { actor: other }).count({})).toBe(0);
    expect(await t.kernel.data('webhookDelivery', { actor: rep }).count({})).toBe(2);
  });

  it("delivers only the fields the owner's roles may read", async () => {
    receiver = await startReceiver();
    const hideLines = definePlugin({
      id: 'hide-lines',
      version: '0.0.1',
      dependsOn: ['sales'],
      register(ctx) {
        ctx.access.fields('salesRep', { deal: { hidden: ['lines'] } });
      },
    });
    t = await bootWebhooks({ plugins: [hideLines()] });
    const rep = t.actor(['salesRep', WEBHOOK_ROLE], undefined, 'rep-1');
    await createSubscription(t.kernel, rep, { url: receiver.url, events: ['sales.deal.won'], active: true });
    const won = await winDeal(t, 'rep-1');
    expect(won.lines).toHaveLength(1); // stored, and shown to those who may read it
    expect(receiver.received).toHaveLength(1);
    const { data } = JSON.parse(receiver.received[0]?.body as string) as { data: Record<string, unknown> };
    expect(data).toMatchObject({ id: won.id, title: won.title });
    expect(data).not.toHaveProperty('lines');
    expect(receiver.received[0]?.body).not.toContain('seat');
  });

  it('skips events for a subscription whose key was revoked; the secret is answered once, never after', async () => {
    receiver = await startReceiver();
    const s = await createTestServer({
      plugins: [customers({ currency: 'EUR' }), sales(), webhooks(LOCAL)],
      now: '2026-06-01T00:00:00.000Z',
      keys: { admin: ['admin'], rep: { roles: ['salesRep', WEBHOOK_ROLE], attributes: { userId: 'rep-1' } } },
      server: { rateLimit: false },
    });
    t = s.t;
    const created = await s.json<{ subscription: { id: string; ownerId: string }; secret: string }>(
      'POST',
      '/api/webhooks/subscriptions',
      'rep',
      { url: receiver.url, events: ['sales.deal.won'], description: 'ERP' },
    );
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    expect(created.body.subscription.ownerId).toBe('rep-1');
    const id = created.body.subscription.id;
    const read = await s.json('GET', `/api/webhook-subscriptions/${id}`, 'rep');
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).not.toContain(created.body.secret);
    const listed = await s.json('GET', '/api/webhook-subscriptions', 'admin');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret.slice(6));
    const renewed = await s.json<{ secret: string }>(
      'POST',
      `/api/webhooks/subscriptions/${id}/secret`,
      'rep',
    );
    expect(renewed.status).toBe(200);
    expect(renewed.body.secret).not.toBe(created.body.secret);
    expect(
      (
        await s.json('POST', '/api/webhooks/subscriptions', 'rep', {
          url: 'http://10.0.0.1/x',
          events: ['*'],
        })
      ).status,
    ).toBe(400);

    await winDeal(t, 'rep-1');
    expect(receiver.received).toHaveLength(1);
    const key = await t.kernel
      .data<WebhookSubscription>('webhookSubscription', { actor: SYSTEM_ACTOR })
      .get(id);
    await revokeApiKey(t.kernel, key.ownerKeyId as string);
    await winDeal(t, 'rep-1');
    const last = (await deliveriesOf(t)).at(-1);
    expect(last).toMatchObject({ status: 'skipped' });
    expect(last?.skippedReason).toMatch(/^the API key that owns it \(\w+\) is revoked or gone$/);
    expect(receiver.received).toHaveLength(1);
  });
});
