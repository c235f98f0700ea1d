import { Writable } from 'node:stream';
import { customers } from '@rapport/plugin-customers';
import { sales } from '@rapport/plugin-sales';
import { createTestServer } from '@rapport/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_ROLE } from '../access.js';
import { LOCAL, winDeal } from '../test-support/boot.js';
import { startReceiver } from '../test-support/receiver.js';
import { webhooks } from '../webhooks-plugin.js';

describe('signing secrets and the logs', () => {
  it('never writes a secret to the log, at trace level, through creation, renewal, failures and deliveries', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const receiver = await startReceiver();
    receiver.answerWith(500);
    const s = await createTestServer({
      plugins: [customers({ currency: 'EUR' }), sales(), webhooks({ ...LOCAL, sweepEvery: '1s' })],
      now: '2026-06-01T00:00:00.000Z',
      logger: pino({ level: 'trace' }, sink),
      keys: { erp: ['manager', WEBHOOK_ROLE] },
      server: { rateLimit: false, logRequests: true },
    });
    try {
      const created = await s.json<{ subscription: { id: string }; secret: string }>(
        'POST',
        '/api/webhooks/subscriptions',
        'erp',
        { url: receiver.url, events: ['sales.deal.won'] },
      );
      const renewed = await s.json<{ secret: string }>(
        'POST',
        `/api/webhooks/subscriptions/${created.body.subscription.id}/secret`,
        'erp',
      );
      await winDeal(s.t); // fails once, then is delivered on the retry
      await s.t.advance('1m');
      expect(receiver.received).toHaveLength(2);
      const log = lines.join('');
      expect(log.length).toBeGreaterThan(1_000); // the log did record the requests and the retry
      expect(log).toContain('/api/webhooks/subscriptions');
      for (const secret of [created.body.secret, renewed.body.secret]) {
        expect(log).not.toContain(secret);
        expect(log).not.toContain(secret.slice(6)); // nor its key material without the prefix
      }
    } finally {
      await s.stop();
      await receiver.close();
    }
  });
});
