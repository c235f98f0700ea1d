import { definePlugin } from '@rapport/core';
import { CUSTOMER_HOOKS } from '@rapport/plugin-customers';
import { npsMetrics } from './metrics.js';
import { NPS_PLUGIN_ID } from './plugin-id.js';
import { NpsResponseEntity } from './response-entity.js';
import { tapResponseRules } from './response-rules.js';
import { SURVEY_LINK_OPENAPI, surveyLinkRoutes } from './survey-link-route.js';
import { NPS_MESSAGES, NPS_SURVEY, SURVEY_PAGE_OPENAPI, surveyRoutes } from './survey-page.js';
import { tapNpsTimeline } from './timeline-tap.js';
import { declareViews } from './views.js';

/**
 * Net Promoter Score surveys, built only on public APIs: the `npsResponse` entity, rules on it,
 * a single-use survey link and its public page, the `nps.score` metric, an entry on each
 * customer's timeline, and console views.
 *
 * @example
 * ```ts
 * const kernel = await createKernel({ store: memoryStore(), plugins: [customers(), nps()] });
 * ```
 */
export const nps = definePlugin({
  id: NPS_PLUGIN_ID,
  version: '0.1.0',
  description: 'Net Promoter Score surveys: a public survey link, the NPS metric, timeline entries.',
  dependsOn: ['customers'],
  register(ctx) {
    ctx.entities.define(NpsResponseEntity);
    tapResponseRules(ctx);
    tapNpsTimeline(ctx.hooks.get(CUSTOMER_HOOKS));
    for (const metric of npsMetrics) ctx.metrics.define(metric);
    ctx.links.purpose(NPS_SURVEY, { use: 'single', ttl: '30d' });
    ctx.routes.mount(surveyLinkRoutes(), { openapi: SURVEY_LINK_OPENAPI });
    ctx.routes.public(surveyRoutes(), {
      path: 'survey',
      messages: NPS_MESSAGES,
      openapi: SURVEY_PAGE_OPENAPI,
    });
    declareViews(ctx);
  },
});
