import { CUSTOMERS, customers } from '@rapport/plugin-customers';
import { seedDemoCustomers } from '@rapport/plugin-customers/demo';
import { messaging } from '@rapport/plugin-messaging';
import { seedDemoMessaging } from '@rapport/plugin-messaging/demo';
import { sales } from '@rapport/plugin-sales';
import { seedDemoSales } from '@rapport/plugin-sales/demo';
import { createTestKernel } from '@rapport/testing';
import { describe, expect, it } from 'vitest';
import { campaigns } from '../campaigns-plugin.js';
import type { Campaign } from '../entities/campaign.js';
import { CAMPAIGNS } from '../service.js';
import { seedDemoCampaigns } from './seed-demo.js';

describe('demo data', () => {
  it('seeds topics with followers, a completed win-back campaign with results, and care rules, once', async () => {
    const t = await createTestKernel({
      plugins: [
        customers({ currency: 'EUR' }),
        sales(),
        messaging({ publicUrl: 'http://localhost:3000' }),
        campaigns(),
      ],
      now: '2026-06-01T10:00:00.000Z',
    });
    try {
      await seedDemoCustomers(t.kernel, { count: 80, seed: 1, now: t.clock.now() });
      await seedDemoSales(t.kernel, { deals: 160, seed: 1, now: t.clock.now() });
      await seedDemoMessaging(t.kernel, { seed: 1, now: t.clock.now(), messages: 1 });
      await t.kernel.resolve(CUSTOMERS).recompute();
      await t.settle();
      const report = await seedDemoCampaigns(t.kernel);
      expect(report).toMatchObject({ skipped: false, topics: 3, careRules: 2 });
      expect(report.interests).toBeGreaterThan(5);
      expect(report.campaignMembers).toBeGreaterThan(3);
      expect(report.conversions).toBeGreaterThan(0);
      const [campaign] = (await t.data<Campaign>('campaign').find({})).items;
      expect(campaign).toMatchObject({ type: 'win-back', status: 'completed' });
      const results = await t.kernel.resolve(CAMPAIGNS).results(t.admin, campaign?.id as string);
      expect(results.reach).toBeGreaterThan(0);
      expect(results.credited.revenue.amount).toBeGreaterThan(0);
      expect(
        (await t.data('campaignInterest').find({ where: { source: 'inferred' }, limit: 1 })).items,
      ).toHaveLength(1);
      expect((await seedDemoCampaigns(t.kernel)).skipped).toBe(true);
    } finally {
      await t.stop();
    }
  });
});
