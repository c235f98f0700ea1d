import { describe, expect, it } from 'vitest';
import { bootLoyalty } from './test-support/boot.js';

describe('console views', () => {
  it('declares the member card, ledger, stage board, rewards, win-back list and tiles, checked at boot', async () => {
    const t = await bootLoyalty();
    try {
      const { views, menu } = t.kernel.views.visibleTo(t.admin);
      const mine = views.filter((v) => v.id.startsWith('loyalty.'));
      const byId = new Map(mine.map((v) => [v.id, v]));
      expect(byId.get('loyalty.customerMembership')).toMatchObject({ kind: 'panel', entity: 'customer' });
      expect(byId.get('loyalty.memberBalance')).toMatchObject({
        content: { route: '/api/loyalty/members/{id}/balance', render: 'keyValue' },
      });
      expect(byId.get('loyalty.stageBoard')).toMatchObject({ kind: 'kanban', laneField: 'stage' });
      expect(byId.get('loyalty.programmeWinBack')).toMatchObject({ entity: 'loyaltyProgramme' });
      const dashboard = byId.get('loyalty.dashboard');
      expect(dashboard && 'items' in dashboard ? dashboard.items : []).toEqual(
        expect.arrayContaining(['loyalty.winBackTile', 'loyalty.tierMixTile', 'loyalty.repeatTile']),
      );
      expect(menu.filter((m) => m.id.startsWith('loyalty.')).length).toBe(7);
      // a caller who may read nothing of loyalty sees none of it
      const none = t.kernel.views.visibleTo(t.actor([]));
      expect(none.views.filter((v) => v.id.startsWith('loyalty.') && v.kind !== 'dashboard')).toEqual([]);
    } finally {
      await t.stop();
    }
  });
});
