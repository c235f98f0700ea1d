import { ForbiddenError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { bootLoyalty } from './test-support/boot.js';

describe('member deletion', () => {
  it('refuses a member with a ledger (set status left instead), and deletes one without', async () => {
    const t = await bootLoyalty();
    try {
      const enrol = (mobile: string) => t.service.enrol(t.admin, { programmeId: t.programme.id, mobile });
      const kept = (await enrol('0151 11111111')).member;
      const empty = (await enrol('0151 22222222')).member;
      await t.service.earn(t.admin, kept.id, { points: 10, idempotencyKey: 'k' });
      await expect(t.data('loyaltyMember').delete(kept.id)).rejects.toBeInstanceOf(ForbiddenError);
      await t.data('loyaltyMember').delete(empty.id);
      expect(await t.data('loyaltyMember').count({ programmeId: t.programme.id })).toBe(1);
    } finally {
      await t.stop();
    }
  });
});
