import { SYSTEM_ACTOR, type ValidationError } from '@rapport/core';
import { customers } from '@rapport/plugin-customers';
import { sales } from '@rapport/plugin-sales';
import { createTestKernel, type TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Programme } from '../entities/programme.js';
import type { WinBackAttempt } from '../entities/win-back-attempt.js';
import { loyalty } from '../loyalty-plugin.js';
import { LOYALTY } from '../service.js';

describe('the win-back list and its attempts', () => {
  let t: TestKernel;
  afterEach(() => t.stop());

  it('lists lapsed high-value members; a purchase wins the pending attempt; the metrics follow', async () => {
    t = await createTestKernel({
      plugins: [
        customers({ currency: 'EUR', defaultRegion: 'DE' }),
        sales(),
        loyalty({ defaultRegion: 'DE' }),
      ],
      now: '2026-06-01T10:00:00.000Z',
    });
    const service = t.kernel.resolve(LOYALTY);
    const club = await t.data<Programme>('loyaltyProgramme').create({
      name: 'Club',
      currency: 'EUR',
      tiers: [
        { key: 'bronze', name: 'Bronze', threshold: 0 },
        { key: 'gold', name: 'Gold', threshold: 100 },
      ],
    });
    const join = async (mobile: string, abcClass: string, lifecycleStage: string) => {
      const { member } = await service.enrol(t.admin, { programmeId: club.id, mobile });
      await t.kernel
        .data('customer', { actor: SYSTEM_ACTOR })
        .update(member.customerId, { abcClass, lifecycleStage });
      return member;
    };
    const lapsedA = await join('0151 11111111', 'A', 'churned');
    const riskB = await join('0151 22222222', 'B', 'at-risk');
    await join('0151 33333333', 'A', 'active'); // not lapsed
    await join('0151 44444444', 'C', 'churned'); // not high value
    const listed = await service.winBack(t.admin, { programmeId: club.id });
    expect(listed.items.map((i) => [i.member.id, i.customer.abcClass, i.customer.lifecycleStage])).toEqual([
      [lapsedA.id, 'A', 'churned'],
      [riskB.id, 'B', 'at-risk'],
    ]);

    const attempts = t.data<WinBackAttempt>('loyaltyWinBack');
    const call = await attempts.create({
      memberId: lapsedA.id,
      channel: 'phone',
      note: 'Offered double points',
    });
    expect(call).toMatchObject({ outcome: 'pending', programmeId: club.id, customerId: lapsedA.customerId });
    const refused = await attempts
      .update(call.id, { outcome: 'won' })
      .catch((error: unknown) => error as ValidationError);
    expect((refused as ValidationError).errors[0]).toMatchObject({
      path: 'outcome',
      rule: 'loyalty.outcome',
    });
    const declined = await attempts.create({ memberId: riskB.id, channel: 'sms' });
    expect(await attempts.update(declined.id, { outcome: 'declined' })).toMatchObject({
      outcome: 'declined',
      outcomeAt: '2026-06-01T10:00:00.000Z',
    });
    expect((await service.winBack(t.admin, {})).items[0]?.lastAttempt?.id).toBe(call.id);

    await t.advance('3d');
    const order = await t
      .data('order')
      .create({ customerId: lapsedA.customerId, total: { amount: 150_00, currency: 'EUR' } });
    await t.settle();
    expect(await attempts.get(call.id)).toMatchObject({ outcome: 'won', wonOrderId: order.id });

    const period = { from: Date.parse('2026-06-01T00:00:00Z'), to: Date.parse('2026-07-01T00:00:00Z') };
    const value = async (id: string, params: Record<string, unknown> = {}) =>
      (await t.kernel.metrics.compute(id, period, { actor: t.admin, params })).value;
    expect(await value('loyalty.winBackRate')).toBe(0.5);
    // four active members, one (150 qualifying points) in gold; the others have no tier until they earn
    expect(await value('loyalty.tierMix')).toBe(0.25);
    expect(await value('loyalty.tierMix', { tier: 'gold' })).toBe(0.25);
    expect(await value('loyalty.tierMix', { tier: 'bronze' })).toBe(0);
    const second = await t
      .data('order')
      .create({ customerId: lapsedA.customerId, total: { amount: 10_00, currency: 'EUR' } });
    await t.data('order').create({ customerId: riskB.customerId, total: { amount: 10_00, currency: 'EUR' } });
    await t.settle();
    expect(second.id).toBeDefined();
    expect(await value('loyalty.repeatPurchaseRate')).toBe(0.5); // of two buying members, one bought twice
    // a customer who is no member, with two purchases
    const other = await t.data('customer').create({ kind: 'person', name: 'No Member' });
    for (const amount of [5_00, 6_00]) {
      await t.data('order').create({ customerId: other.id, total: { amount, currency: 'EUR' } });
    }
    await t.settle();
    expect(await value('loyalty.repeatPurchaseRate', { of: 'nonMembers' })).toBe(1);
  });
});
