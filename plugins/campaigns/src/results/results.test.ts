import { SYSTEM_ACTOR } from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import { sales } from '@rapport/plugin-sales';
import { afterEach, describe, expect, it } from 'vitest';
import type { Campaign, CampaignRecord } from '../entities/campaign.js';
import type { Conversion } from '../entities/conversion.js';
import { inControl } from '../launch/control-draw.js';
import { bootCampaigns, type CampaignsTest } from '../test-support/boot.js';

const SEED = 'results-seed';
const EUR = (amount: number) => ({ amount, currency: 'EUR' });

describe('attribution and results', () => {
  let t: CampaignsTest;
  afterEach(() => t.stop());

  /** 15 customers the seed treats and 5 it holds back, tagged `tag`; every one consents to e-mail. */
  async function audience(tag: string) {
    const treated: string[] = [];
    const control: string[] = [];
    while (treated.length < 15 || control.length < 5) {
      const [id] = await t.customers(1);
      const id0 = id as string;
      const held = inControl(SEED, id0, 0.25);
      const list = held ? control : treated;
      if (list.length < (held ? 5 : 15)) {
        await t.data<Customer>('customer').update(id0, { tags: [tag] });
        list.push(id0);
      }
    }
    await t.consent([...treated, ...control]);
    return { treated, control };
  }

  async function launch(tag: string, fields: Partial<Campaign> = {}) {
    const campaign = (await t.data<Campaign>('campaign').create({
      name: tag,
      type: 'win-back',
      audience: { where: { tags: { contains: tag } } },
      channels: [{ channel: 'email', templateKey: 'spring' }],
      controlShare: 0.25,
      seed: SEED,
      cost: EUR(20_000),
      ...fields,
    })) as CampaignRecord;
    await t.service.launch(t.admin, campaign.id);
    await t.service.run(campaign.id, 100);
    await t.settle();
    return campaign;
  }

  const order = (customerId: string, amount: number, extra: Record<string, unknown> = {}) =>
    t.data('order').create({ customerId, total: EUR(amount), ...extra });

  it('computes rates, credited revenue, cost per conversion, lift with its interval and ROI on a hand-computed dataset', async () => {
    t = await bootCampaigns({ plugins: [sales()] });
    const { treated, control } = await audience('lapsed');
    const orderBefore = await order(treated[0] as string, 99_999); // before the campaign: no credit
    const campaign = await launch('lapsed');
    await t.advance('2d');
    for (const id of treated.slice(0, 6)) await order(id, 10_000);
    await order(treated[0] as string, 5_000); // a second order of the same customer
    await order(control[0] as string, 10_000); // a control customer converts anyway
    await t.advance('40d');
    await order(treated[7] as string, 10_000); // after the 30-day window: not credited
    const r = await t.service.results(t.admin, campaign.id);
    expect(r).toMatchObject({
      audience: 20,
      treated: 15,
      control: 5,
      reach: 15,
      converted: 6,
      controlConverted: 1,
    });
    expect(r.rates.conversion).toBeCloseTo(6 / 15, 10);
    expect(r.rates.delivery).toBe(1);
    expect(r.credited).toEqual({ conversions: 7, revenue: EUR(65_000) });
    expect(r.revenue).toEqual({ treated: EUR(65_000), control: EUR(10_000) });
    expect(r.costPerConversion).toEqual(EUR(2_857)); // 20 000 / 7
    // pₜ = 0.4, p꜀ = 0.2: +0.2 (relative +100 %); se = √(0.4·0.6/15 + 0.2·0.8/5) = √0.048 = 0.2190890
    expect(r.lift?.absolute).toBeCloseTo(0.2, 10);
    expect(r.lift?.relative).toBeCloseTo(1, 10);
    expect(r.lift?.ci95[0]).toBeCloseTo(0.2 - 1.959964 * 0.219089, 5);
    expect(r.lift?.ci95[1]).toBeCloseTo(0.2 + 1.959964 * 0.219089, 5);
    expect(r.lift?.significant).toBe(false);
    // incremental revenue = (65 000/15 − 10 000/5)·15 = 35 000; ROI = (35 000 − 20 000)/20 000
    expect(r.incremental?.revenue).toEqual(EUR(35_000));
    expect(r.incremental?.conversions).toBeCloseTo(3, 10);
    expect(r.roi).toBeCloseTo(0.75, 10);
    expect(r.attributedRoi).toBeCloseTo(2.25, 10);
    const credits = (
      await t.kernel.data<Conversion>('campaignConversion', { actor: SYSTEM_ACTOR }).find({ limit: 50 })
    ).items;
    expect(credits.filter((c) => c.rule === 'control')).toHaveLength(1);
    expect(credits.some((c) => c.recordId === orderBefore.id)).toBe(false);
  });

  it('credits each conversion once: a code first, else the last campaign that reached the customer', async () => {
    t = await bootCampaigns({ plugins: [sales()] });
    const { treated } = await audience('both');
    const first = await launch('first', {
      audience: { where: { tags: { contains: 'both' } } },
      code: 'SPRING10',
    });
    await t.advance('1d');
    const second = await launch('second', { audience: { where: { tags: { contains: 'both' } } } });
    await t.advance('1d');
    const plain = await order(treated[0] as string, 1_000);
    const coded = await order(treated[1] as string, 2_000, { campaignCode: 'SPRING10' });
    const credits = (
      await t.kernel.data<Conversion>('campaignConversion', { actor: SYSTEM_ACTOR }).find({ limit: 50 })
    ).items;
    expect(credits.map((c) => [c.recordId, c.campaignId, c.rule]).sort()).toEqual(
      [
        [plain.id, second.id, 'last-touch'],
        [coded.id, first.id, 'code'],
      ].sort(),
    );
    // Both campaigns see both customers convert within their window (their lift compares like with like).
    expect((await t.service.results(t.admin, first.id)).converted).toBe(2);
    expect((await t.service.results(t.admin, second.id)).converted).toBe(2);
    expect((await t.service.results(t.admin, first.id)).credited.conversions).toBe(1);
    // A cancelled order loses its credit.
    await t.data('order').update(plain.id, { status: 'cancelled', cancelReason: 'returned' });
    expect((await t.service.results(t.admin, second.id)).credited.conversions).toBe(0);
    const compared = await t.service.compare(t.admin);
    expect(compared.map((c) => c.name)).toEqual(['second', 'first']);
  });
});
