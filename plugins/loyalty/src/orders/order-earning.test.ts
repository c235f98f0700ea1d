import { customers } from '@rapport/plugin-customers';
import { sales } from '@rapport/plugin-sales';
import { createTestKernel } from '@rapport/testing';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../entities/entry.js';
import type { MemberRecord } from '../entities/member.js';
import { loyalty } from '../loyalty-plugin.js';
import { LOYALTY } from '../service.js';
import { orderPoints } from './order-points.js';

describe('earning from sales orders', () => {
  it('rounds down in exact integer arithmetic', () => {
    expect(orderPoints(12_999, { pointsPerUnit: 1, minorPerUnit: 100 })).toBe(129);
    expect(orderPoints(9_007_199_254_740_991, { pointsPerUnit: 3, minorPerUnit: 100 })).toBe(
      270_215_977_642_229,
    );
    expect(orderPoints(0, {})).toBe(0);
  });

  it('a placed order earns once even when redelivered; a cancelled one reverses exactly, spent points included', async () => {
    const t = await createTestKernel({
      plugins: [
        customers({ currency: 'EUR', defaultRegion: 'DE' }),
        sales(),
        loyalty({ defaultRegion: 'DE' }),
      ],
      now: '2026-06-01T00:00:00.000Z',
    });
    try {
      const service = t.kernel.resolve(LOYALTY);
      const programme = await t
        .data('loyaltyProgramme')
        .create({ name: 'Club', currency: 'EUR', pointsPerUnit: 2 });
      const { member } = await service.enrol(t.admin, { programmeId: programme.id, mobile: '0151 23456789' });
      const order = await t
        .data('order')
        .create({ customerId: member.customerId, total: { amount: 45_50, currency: 'EUR' } });
      await t.settle();
      const earned = await t.data<Entry>('loyaltyEntry').find({ where: { memberId: member.id } });
      expect(earned.items).toMatchObject([
        { kind: 'earn', points: 91, sourceType: 'order', sourceId: order.id },
      ]);
      // a redelivery of the same event
      await t.kernel.events.emit('sales.order.placed', { orderId: order.id }, { actor: t.admin });
      await t.settle();
      expect(await t.data('loyaltyEntry').count({ memberId: member.id })).toBe(1);

      await service.redeem(t.admin, member.id, { points: 60, idempotencyKey: 'reward-1' });
      await t.data('order').update(order.id, { status: 'cancelled', cancelReason: 'returned' });
      await t.settle();
      const stored = (await t.data<MemberRecord>('loyaltyMember').get(member.id)) as MemberRecord;
      expect(stored.balance).toBe(-60);
      const reversal = await t
        .data<Entry>('loyaltyEntry')
        .find({ where: { memberId: member.id, kind: 'reverse' } });
      expect(reversal.items).toMatchObject([{ points: -91, balanceAfter: -60 }]);
    } finally {
      await t.stop();
    }
  });
});
