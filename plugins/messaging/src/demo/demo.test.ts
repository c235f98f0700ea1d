import { SYSTEM_ACTOR } from '@rapport/core';
import { seedDemoCustomers } from '@rapport/plugin-customers/demo';
import { describe, expect, it } from 'vitest';
import type { Consent } from '../entities/consent.js';
import type { Message } from '../entities/message.js';
import { bootMessaging } from '../test-support/boot.js';
import { seedDemoMessaging } from './seed-demo.js';

async function seeded() {
  const t = await bootMessaging();
  await seedDemoCustomers(t.kernel, { count: 60, seed: 1, now: t.clock.now() });
  const report = await seedDemoMessaging(t.kernel, { seed: 1 });
  const consents = await t.kernel
    .data<Consent>('consent', { actor: SYSTEM_ACTOR })
    .find({ limit: 1000, sort: ['at', 'id'] });
  return { t, report, consents: consents.items.map((c) => [c.channel, c.state, c.source, c.at]) };
}

describe('the messaging demo', () => {
  it('seeds accounts, templates, dated consents and delivered messages, the same for the same seed, once', async () => {
    const first = await seeded();
    const second = await seeded();
    try {
      expect(first.report).toMatchObject({ skipped: false, accounts: 2, templates: 6, messages: 20 });
      expect(first.report.consents).toBeGreaterThan(20);
      expect(first.consents).toEqual(second.consents);
      const sent = await first.t.kernel
        .data<Message>('message', { actor: SYSTEM_ACTOR })
        .count({ status: 'sent' });
      expect(sent).toBe(20);
      expect((await seedDemoMessaging(first.t.kernel)).skipped).toBe(true);
    } finally {
      await first.t.stop();
      await second.t.stop();
    }
  });
});
