import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SYSTEM_ACTOR, verifyRequestSignature } from '@rapport/core';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookDelivery } from '../entities/webhook-delivery.js';
import { createSubscription } from '../routes/subscription-service.js';
import { bootWebhooks, winDeal } from '../test-support/boot.js';
import { type Receiver, startReceiver } from '../test-support/receiver.js';

const run = promisify(execFile);

/** HMAC-SHA256 hex of `<t>.<body>` computed by Python's standard library, not by Node. */
async function pythonMac(secret: string, timestamp: string, body: string): Promise<string> {
  const script =
    'import hmac,hashlib,sys\n' +
    'secret,t=sys.argv[1],sys.argv[2]\nbody=sys.stdin.buffer.read()\n' +
    'print(hmac.new(secret.encode(),t.encode()+b"."+body,hashlib.sha256).hexdigest())';
  const child = run('python3', ['-c', script, secret, timestamp]);
  child.child.stdin?.end(body);
  return (await child).stdout.trim();
}

/** The same, by the openssl command line. */
async function opensslMac(secret: string, timestamp: string, body: string): Promise<string> {
  const child = run('openssl', ['dgst', '-sha256', '-hmac', secret, '-r']);
  child.child.stdin?.end(`${timestamp}.${body}`);
  return (await child).stdout.trim().split(' ')[0] as string;
}

describe('signed deliveries', () => {
  let t: TestKernel;
  let receiver: Receiver;
  afterEach(async () => {
    await t?.stop();
    await receiver?.close();
  });

  it('posts a won deal signed so that Python and openssl, knowing only the secret, verify it', async () => {
    receiver = await startReceiver();
    t = await bootWebhooks();
    const { secret, subscription } = await createSubscription(t.kernel, t.admin, {
      url: receiver.url,
      events: ['sales.deal.won'],
      active: true,
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const deal = await winDeal(t);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    if (!request) throw new Error('nothing received');
    const timestamp = String(request.headers['x-rapport-timestamp']);
    const signature = String(request.headers['x-rapport-signature']);
    expect(timestamp).toBe(String(Date.parse('2026-06-01T00:00:00Z') / 1000));
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(signature).toBe(`v1=${await pythonMac(secret, timestamp, request.body)}`);
    expect(signature).toBe(`v1=${await opensslMac(secret, timestamp, request.body)}`);
    // A changed byte or another secret does not verify.
    expect(signature).not.toBe(
      `v1=${await pythonMac(secret, timestamp, request.body.replace('won', 'wOn'))}`,
    );
    expect(signature).not.toBe(`v1=${await opensslMac(`${secret}x`, timestamp, request.body)}`);
    expect(
      verifyRequestSignature({
        secrets: secret,
        timestamp,
        signature,
        body: request.body,
        now: t.clock.now(),
      }),
    ).toEqual({ ok: true, timestamp: Number(timestamp) });

    const [delivery] = (
      await t.kernel.data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR }).find({})
    ).items;
    expect(request.headers['x-rapport-delivery']).toBe(delivery?.id);
    expect(request.headers['x-rapport-event']).toBe(delivery?.eventId);
    expect(request.headers['x-rapport-event-name']).toBe('sales.deal.won');
    expect(request.headers['content-type']).toBe('application/json');
    expect(delivery).toMatchObject({
      subscriptionId: subscription.id,
      status: 'delivered',
      attempts: 1,
      responseStatus: 200,
      responseBody: '{"ok":true,"n":1}',
    });
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({
      event: { id: delivery?.eventId, name: 'sales.deal.won' },
      subject: { entity: 'deal', id: deal.id },
      data: { id: deal.id, title: deal.title, stage: 'won', outcome: 'won' },
    });
    expect(body.data).toHaveProperty('closedAt');
    expect(body.details).toEqual({});
    // The secret is nowhere in what the store or the API keeps.
    const stored = await t.kernel.data('webhookSubscription', { actor: SYSTEM_ACTOR }).get(subscription.id);
    expect(JSON.stringify(stored)).not.toContain(secret.slice(6));
    expect(JSON.stringify(delivery)).not.toContain(secret.slice(6));
  });
});
