import { describe, expect, it } from 'vitest';
import { bootCampaigns } from './test-support/boot.js';

describe('console views', () => {
  it('declares the builder with its audience preview, results, comparison chart, care rules and topics, checked at boot', async () => {
    const t = await bootCampaigns();
    try {
      const { views, menu } = t.kernel.views.visibleTo(t.admin);
      const byId = new Map(views.filter((v) => v.id.startsWith('campaigns.')).map((v) => [v.id, v]));
      expect(byId.get('campaigns.builder')).toMatchObject({ kind: 'form', entity: 'campaign' });
      expect(byId.get('campaigns.audiencePreview')).toMatchObject({
        content: { route: '/api/campaigns/{id}/preview', render: 'keyValue' },
      });
      expect(byId.get('campaigns.results')).toMatchObject({
        content: { route: '/api/campaigns/{id}/results' },
      });
      expect(byId.get('campaigns.comparison')).toMatchObject({ kind: 'chart' });
      expect(byId.get('campaigns.careRules')).toMatchObject({ kind: 'list', entity: 'careRule' });
      expect(byId.get('campaigns.topics')).toMatchObject({ kind: 'list', entity: 'campaignTopic' });
      expect(menu.filter((m) => m.id.startsWith('campaigns.')).length).toBe(4);
      const none = t.kernel.views.visibleTo(t.actor([]));
      // (a chart over a route is offered to all: the route itself refuses a caller who may not read campaigns)
      const shown = none.views.filter((v) => v.id.startsWith('campaigns.') && v.kind !== 'dashboard');
      expect(shown.map((v) => v.id)).toEqual(['campaigns.comparison']);
    } finally {
      await t.stop();
    }
  });
});
