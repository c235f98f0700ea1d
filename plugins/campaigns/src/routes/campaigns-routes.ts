import { fieldError, SYSTEM_ACTOR } from '@rapport/core';
import { type PublicEnv, pluginRoutes, readJsonObject, useService } from '@rapport/server';
import { Hono } from 'hono';
import type { Audience, Campaign } from '../entities/campaign.js';
import type { CampaignMember } from '../entities/campaign-member.js';
import { CLICK_PURPOSE } from '../launch/send-member.js';
import { CAMPAIGNS } from '../service.js';
import type { Announcement } from '../topics/interests.js';
import { advanceMember } from '../tracking/advance-member.js';
import { CAMPAIGN_CHANNELS, CAMPAIGN_TYPES, type CampaignChannel } from '../vocabulary.js';

/** The routes at `/api/campaigns`: status moves, results, comparison, audience preview, announcements, interests. */
export function campaignsRoutes() {
  const app = pluginRoutes();
  for (const move of ['launch', 'schedule', 'unschedule', 'cancel'] as const) {
    app.post(`/:id/${move}`, async (c) =>
      c.json(await useService(c, CAMPAIGNS)[move](c.get('actor'), c.req.param('id'))),
    );
  }
  app.get('/:id/results', async (c) =>
    c.json(await useService(c, CAMPAIGNS).results(c.get('actor'), c.req.param('id'))),
  );
  app.get('/:id/preview', async (c) => {
    const service = useService(c, CAMPAIGNS);
    const actor = c.get('actor');
    const campaign = await c.get('kernel').data<Campaign>('campaign', { actor }).get(c.req.param('id'));
    const channel = campaign.channels[0]?.channel ?? 'email';
    return c.json(await service.preview(actor, campaign.audience, channel));
  });
  app.get('/results/compare', async (c) => {
    const type = c.req.query('type');
    if (type !== undefined && !(CAMPAIGN_TYPES as readonly string[]).includes(type)) {
      throw fieldError('campaign', 'type', 'enum', `must be one of ${CAMPAIGN_TYPES.join(', ')}`);
    }
    const items = await useService(c, CAMPAIGNS).compare(c.get('actor'), type ? { type } : undefined);
    return c.json({ items });
  });
  app.post('/preview', async (c) => {
    const body = await readJsonObject(c);
    const channel = body.channel as CampaignChannel;
    if (!(CAMPAIGN_CHANNELS as readonly string[]).includes(channel)) {
      throw fieldError('campaign', 'channel', 'enum', `must be one of ${CAMPAIGN_CHANNELS.join(', ')}`);
    }
    if (typeof body.audience !== 'object' || body.audience === null || Array.isArray(body.audience)) {
      throw fieldError('campaign', 'audience', 'type', 'must be an object');
    }
    return c.json(await useService(c, CAMPAIGNS).preview(c.get('actor'), body.audience as Audience, channel));
  });
  app.post('/announce', async (c) => {
    const body = (await readJsonObject(c)) as unknown as Announcement;
    if (!Array.isArray(body.topics) || body.topics.length === 0) {
      throw fieldError('campaign', 'topics', 'required', 'needs at least one topic');
    }
    return c.json(await useService(c, CAMPAIGNS).announce(c.get('actor'), body), 201);
  });
  app.post('/customers/:id/interests', async (c) => {
    const body = await readJsonObject(c);
    if (typeof body.topic !== 'string')
      throw fieldError('campaignInterest', 'topic', 'required', 'is required');
    const via = body.via === 'console' ? 'console' : 'api';
    return c.json(await useService(c, CAMPAIGNS).follow(c.get('actor'), c.req.param('id'), body.topic, via));
  });
  return app;
}

/**
 * The public click route at `/p/campaigns/click/<token>`: records the click on the member (the
 * first one moves it to `clicked`; each one counts) and redirects to the campaign's link. A link
 * that does not work gets the server's one 404. Mail scanners that open links count as clicks:
 * responses are for comparing campaigns, not for billing.
 */
export function clickRoutes(): Hono<PublicEnv> {
  const app = new Hono<PublicEnv>();
  app.get('/:token', async (c) => {
    const grant = await c.var.links.verify({ purpose: CLICK_PURPOSE });
    const kernel = c.var.kernel;
    const members = kernel.data<CampaignMember>('campaignMember', { actor: SYSTEM_ACTOR });
    const member = await members.get(grant.recordId);
    const campaign = await kernel.data<Campaign>('campaign', { actor: SYSTEM_ACTOR }).get(member.campaignId);
    await advanceMember(members, member.id, 'clicked', kernel.clock.now(), (current) => ({
      clicks: (current.clicks ?? 0) + 1,
    }));
    return c.redirect(campaign.linkUrl ?? '/', 302);
  });
  return app;
}
