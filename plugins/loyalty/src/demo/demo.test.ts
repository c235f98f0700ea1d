import { customers } from '@rapport/plugin-customers';
import { seedDemoCustomers } from '@rapport/plugin-customers/demo';
import { sales } from '@rapport/plugin-sales';
import { seedDemoSales } from '@rapport/plugin-sales/demo';
import { createTestKernel } from '@rapport/testing';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../entities/entry.js';
import type { Member } from '../entities/member.js';
import { loyalty } from '../loyalty-plugin.js';
import { ledgerSum } from '../test-support/boot.js';
import { seedDemoLoyalty } from './seed-demo.js';

describe('demo data', () => {
  it('seeds a programme with three tiers and rewards, and a year of order points, redemptions and expiry, once', async () => {
    const t = await createTestKernel({
      plugins: [customers({ currency: 'EUR' }), sales(), loyalty()],
      now: '2026-06-01T00:00:00.000Z',
    });
    try {
      await seedDemoCustomers(t.kernel, { count: 60, seed: 1, now: t.clock.now() });
      await seedDemoSales(t.kernel, { deals: 120, seed: 1, now: t.clock.now() });
      await t.settle();
      const report = await seedDemoLoyalty(t.kernel, { members: 20 });
      expect(report.skipped).toBe(false);
      expect(report.members).toBeGreaterThan(0);
      expect(report.earned).toBeGreaterThan(0);
      expect(report.redeemed).toBeGreaterThan(0);
      expect(report.expired).toBeGreaterThan(0);
      expect(report.redemptions).toBeGreaterThan(0);
      const [programme] = (await t.data('loyaltyProgramme').find({})).items;
      expect(programme?.tiers).toHaveLength(3);
      expect(await t.data('loyaltyReward').count()).toBe(4);
      const members = (await t.data<Member>('loyaltyMember').find({ limit: 100 })).items;
      expect(members).toHaveLength(report.members);
      let total = 0;
      for (const m of members) {
        expect(await ledgerSum(t, m.id)).toBe(m.balance ?? 0);
        total += m.balance ?? 0;
      }
      expect(total).toBe(report.earned - report.redeemed - report.expired);
      // a year of history, dated as it happened
      const entries = (await t.data<Entry>('loyaltyEntry').find({ sort: ['occurredAt'], limit: 1 })).items;
      expect(Date.parse(entries[0]?.occurredAt as string)).toBeLessThan(Date.parse('2025-12-01T00:00:00Z'));
      expect(await t.data('loyaltyEntry').count({ kind: 'expire' })).toBeGreaterThan(0);
      expect(await t.data('loyaltyRedemption').count({ status: 'cancelled' })).toBeGreaterThan(0);
      expect((await seedDemoLoyalty(t.kernel)).skipped).toBe(true);
    } finally {
      await t.stop();
    }
  });
});
