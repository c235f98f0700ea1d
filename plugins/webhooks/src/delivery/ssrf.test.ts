import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { SYSTEM_ACTOR, ValidationError } from '@rapport/core';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookDelivery } from '../entities/webhook-delivery.js';
import type { WebhookSubscription } from '../entities/webhook-subscription.js';
import { TargetRefusedError } from '../errors.js';
import { bootWebhooks, winDeal } from '../test-support/boot.js';
import { type Receiver, startReceiver } from '../test-support/receiver.js';
import { safePost } from './safe-post.js';
import { TargetPolicy } from './target-policy.js';

const strict = new TargetPolicy([]);

describe('server-side request forgery', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['::1', 'loopback'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::', 'unspecified'],
  ])('refuses %s (%s)', (address, range) => {
    expect(strict.refusal(address)).toBe(range);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111'])('allows the public address %s', (address) => {
    expect(strict.refusal(address)).toBeUndefined();
  });

  it('allows exactly the ranges the administrator names', () => {
    const some = new TargetPolicy(['127.0.0.0/8', '10.9.0.0/16']);
    expect(some.refusal('127.0.0.1')).toBeUndefined();
    expect(some.refusal('10.9.8.7')).toBeUndefined();
    expect(some.refusal('10.8.0.1')).toBe('private');
    expect(some.refusal('::1')).toBe('loopback');
    expect(() => new TargetPolicy(['127.0.0.1'])).toThrow(
      /allowPrivateTargets: '127.0.0.1' is not a CIDR range/,
    );
  });

  it('checks URLs: IP literals (IPv6 too) and localhost', () => {
    expect(strict.urlRefusal('http://127.0.0.1:8080/x')).toBe('loopback');
    expect(strict.urlRefusal('http://[::1]/x')).toBe('loopback');
    expect(strict.urlRefusal('http://localhost/x')).toBe('loopback');
    expect(strict.urlRefusal('http://api.localhost/x')).toBe('loopback');
    expect(strict.urlRefusal('https://erp.example.com/hooks')).toBeUndefined();
  });

  describe('at delivery', () => {
    let receiver: Receiver;
    afterEach(async () => receiver?.close());

    it('refuses a host name that resolves to a refused address before connecting', async () => {
      receiver = await startReceiver();
      const url = receiver.url.replace('127.0.0.1', 'localhost');
      const post = safePost({
        url,
        headers: {},
        body: '{}',
        policy: strict,
        timeoutMs: 2_000,
        maxResponseBytes: 10_000,
        keepBytes: 100,
      });
      await expect(post).rejects.toBeInstanceOf(TargetRefusedError);
      await expect(post).rejects.toThrow(/resolves to (127\.0\.0\.1|::1), a loopback address/);
      expect(receiver.received).toHaveLength(0);
      const allowed = new TargetPolicy(['127.0.0.0/8', '::1/128']);
      const answer = await safePost({
        url,
        headers: {},
        body: '{}',
        policy: allowed,
        timeoutMs: 2_000,
        maxResponseBytes: 10_000,
        keepBytes: 100,
      });
      expect(answer.status).toBe(200);
      expect(receiver.received).toHaveLength(1);
    });

    it('refuses an IP-literal target without a lookup', async () => {
      await expect(
        safePost({
          url: 'http://169.254.169.254/latest/meta-data',
          headers: {},
          body: '',
          policy: strict,
          timeoutMs: 500,
          maxResponseBytes: 1_000,
          keepBytes: 10,
        }),
      ).rejects.toThrow(/169\.254\.169\.254, a linkLocal address/);
    });
  });

  describe('time and size limits', () => {
    let server: Server;
    afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const listen = async (handler: Parameters<typeof createServer>[1]) => {
      server = createServer(handler);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    };
    const local = new TargetPolicy(['127.0.0.0/8']);

    it('gives up on a receiver that does not answer in time', async () => {
      const url = await listen(() => undefined); // never answers
      const started = Date.now();
      await expect(
        safePost({
          url,
          headers: {},
          body: '{}',
          policy: local,
          timeoutMs: 300,
          maxResponseBytes: 1_000,
          keepBytes: 10,
        }),
      ).rejects.toThrow(/no answer within 300 ms/);
      expect(Date.now() - started).toBeLessThan(2_000);
      server.closeAllConnections();
    });

    it('stops reading a huge answer at the cap and keeps its first bytes', async () => {
      const url = await listen((_req, res) => {
        res.writeHead(200);
        const chunk = 'x'.repeat(64 * 1024);
        let sent = 0;
        const more = () => {
          while (sent < 200 && res.write(chunk)) sent += 1;
          if (sent < 200) res.once('drain', more);
          else res.end();
        };
        more();
      });
      const answer = await safePost({
        url,
        headers: {},
        body: '{}',
        policy: local,
        timeoutMs: 5_000,
        maxResponseBytes: 100_000,
        keepBytes: 1_024,
      });
      expect(answer).toMatchObject({ status: 200, truncated: true });
      expect(answer.body).toBe('x'.repeat(1_024));
      server.closeAllConnections();
    });
  });

  describe('in the plugin', () => {
    let t: TestKernel;
    afterEach(async () => t?.stop());

    it('refuses a subscription to a private address with a field error, unless allowed', async () => {
      t = await bootWebhooks({ webhooks: {} });
      const subscriptions = t.data<WebhookSubscription>('webhookSubscription');
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://[::1]/x',
        'http://10.0.0.5/x',
        'http://169.254.169.254/',
        'http://localhost:3000/',
      ]) {
        const refused = await subscriptions
          .create({ url, events: ['sales.deal.won'], active: true })
          .catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(ValidationError);
        expect((refused as ValidationError).errors).toMatchObject([
          { path: 'url', rule: 'webhooks.publicTarget' },
        ]);
      }
    });

    it('records a delivery to a name that resolves to a private address as failed, without retrying', async () => {
      t = await bootWebhooks({ webhooks: { sweepEvery: '1s' } });
      await t.kernel
        .data<WebhookSubscription>('webhookSubscription', { actor: SYSTEM_ACTOR })
        .create({ url: `http://${hostname()}:9/hooks`, events: ['sales.deal.won'], active: true });
      await winDeal(t);
      const [delivery] = (
        await t.kernel.data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR }).find({})
      ).items;
      expect(delivery).toMatchObject({ status: 'failed', attempts: 1 });
      // this machine's name resolves to a loopback or private address
      expect(delivery?.lastError).toMatch(
        /a (loopback|private) address; deliveries go to public addresses only/,
      );
      await t.advance('1h');
      expect(
        (
          await t.kernel
            .data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR })
            .get(delivery?.id as string)
        ).attempts,
      ).toBe(1);
    });
  });
});
