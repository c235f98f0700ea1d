import { customers } from '@rapport/plugin-customers';
import { sales } from '@rapport/plugin-sales';
import { createTestKernel, type TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entry } from '../entities/entry.js';
import type { MemberRecord } from '../entities/member.js';
import type { Programme } from '../entities/programme.js';
import { loyalty } from '../loyalty-plugin.js';
import { LOYALTY } from '../service.js';

const TIERS = [
  { key: 'bronze', name: 'Bronze', threshold: 0 },
  { key: 'gold', name: 'Gold', threshold: 1_000 },
];

describe('earning rules on sales orders', () => {
  let t: TestKernel;
  afterEach(() => t.stop());

  async function boot(programme: Partial<Programme>, now = '2026-06-01T10:00:00.000Z') {
    t = await createTestKernel({
      plugins: [
        customers({ currency: 'EUR', defaultRegion: 'DE' }),
        sales(),
        loyalty({ defaultRegion: 'DE' }),
      ],
      now,
      timeZone: 'Europe/Berlin',
    });
    const service = t.kernel.resolve(LOYALTY);
    const club = await t
      .data<Programme>('loyaltyProgramme')
      .create({ name: 'Club', currency: 'EUR', tiers: TIERS, ...programme });
    const join = async (mobile: string, referrerId?: string) =>
      (await service.enrol(t.admin, { programmeId: club.id, mobile, ...(referrerId ? { referrerId } : {}) }))
        .member;
    const buy = async (member: MemberRecord, euros: number) => {
      const order = await t
        .data('order')
        .create({ customerId: member.customerId, total: { amount: euros * 100, currency: 'EUR' } });
      await t.settle();
      return order;
    };
    const reload = async (member: MemberRecord) =>
      (await t.data<MemberRecord>('loyaltyMember').get(member.id)) as MemberRecord;
    const entries = async (member: MemberRecord) =>
      (
        await t
          .data<Entry>('loyaltyEntry')
          .find({ where: { memberId: member.id }, sort: ['createdAt', 'id'] })
      ).items;
    return { service, club, join, buy, reload, entries };
  }

  it('multiplies order points by the tier (the extra does not qualify) and pays the first-purchase bonus once', async () => {
    const s = await boot({
      earning: { tierMultipliers: [{ tier: 'gold', percent: 150 }], firstPurchaseBonus: 200 },
    });
    const ada = await s.join('0151 11111111');
    await s.buy(ada, 1_200); // bronze: 1 200 points, qualifying 1 200 → gold at once
    expect((await s.reload(ada)).tier).toBe('gold');
    await s.buy(ada, 100); // gold: 150 points, 100 qualifying
    expect(
      (await s.entries(ada)).map((e) => [e.kind, e.points, e.qualifying, e.note ?? e.sourceType]),
    ).toEqual([
      ['earn', 1_200, 1_200, 'order'],
      ['earn', 200, 0, 'first purchase'],
      ['earn', 150, 100, 'order'],
    ]);
    expect(await s.reload(ada)).toMatchObject({ balance: 1_550, purchases: 2, stage: 'repeat-purchase' });
  });

  it('climbs the stages, and a referral who buys makes the referrer an advocate with the referral bonus', async () => {
    const s = await boot({ earning: { referralBonus: 300 } });
    const ada = await s.join('0151 11111111');
    expect(ada.stage).toBe('suspicion');
    await s.service.adjust(t.admin, ada.id, { points: 10, idempotencyKey: 'welcome' });
    expect((await s.reload(ada)).stage).toBe('expectation');
    await s.buy(ada, 20);
    expect((await s.reload(ada)).stage).toBe('first-purchase');
    const bob = await s.join('0151 22222222', ada.id);
    expect((await s.reload(ada)).stage).toBe('first-purchase'); // joining is not buying
    const order = await s.buy(bob, 30);
    expect(await s.reload(ada)).toMatchObject({
      stage: 'advocate',
      referralsBought: 1,
      balance: 10 + 20 + 300,
    });
    await s.buy(bob, 30); // a second purchase is no second referral
    expect((await s.reload(ada)).balance).toBe(330);
    // bob's cancelled first order is no longer a purchase
    await t.data('order').update(order.id, { status: 'cancelled', cancelReason: 'returned' });
    await t.settle();
    expect(await s.reload(bob)).toMatchObject({ purchases: 1, stage: 'first-purchase' });
  });

  it('caps order points per member and calendar month in the deployment zone; the purchase still counts', async () => {
    const s = await boot({ earning: { cap: { points: 500, period: 'month' } } }, '2026-06-30T20:00:00.000Z');
    const ada = await s.join('0151 11111111');
    await s.buy(ada, 400);
    await s.buy(ada, 400); // 100 fit
    await s.buy(ada, 50); // none fit
    t.clock.set('2026-06-30T22:30:00.000Z'); // 00:30 on 1 July in Berlin: a new month
    await s.buy(ada, 50);
    expect((await s.entries(ada)).map((e) => e.points)).toEqual([400, 100, 0, 50]);
    expect((await s.entries(ada))[1]?.note).toBe('300 points over the month cap not credited');
    expect(await s.reload(ada)).toMatchObject({
      balance: 550,
      purchases: 4,
      capWindow: { key: '2026-07', points: 50 },
    });
  });

  it('credits the birthday bonus on the day, once a year', async () => {
    const s = await boot({ earning: { birthdayBonus: 100 } }, '2026-07-13T12:00:00.000Z');
    const ada = await s.join('0151 11111111');
    await t.data('loyaltyMember').update(ada.id, { birthday: '07-14' });
    expect(await s.service.birthdayBonuses()).toBe(0);
    await t.kernel.jobs.runDue(); // the job's first run is its first instant after deployment
    await t.advance('1d'); // the nightly job runs on the 14th
    expect((await s.reload(ada)).balance).toBe(100);
    expect(await s.service.birthdayBonuses()).toBe(0); // once
    const [entry] = await s.entries(ada);
    expect(entry).toMatchObject({
      idempotencyKey: `birthday:${ada.id}:2026`,
      qualifying: 0,
      note: 'birthday',
    });
  });
});
