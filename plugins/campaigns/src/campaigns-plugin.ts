import { type Duration, definePlugin, KERNEL } from '@rapport/core';
import { declareAccess } from './access.js';
import { tapSalesConversions } from './attribution/sales-taps.js';
import { tapCampaignRules } from './campaign/campaign-taps.js';
import { tapCustomerHooks } from './customers/customer-taps.js';
import { CampaignEntity } from './entities/campaign.js';
import { CampaignMemberEntity } from './entities/campaign-member.js';
import { CareRuleEntity } from './entities/care-rule.js';
import { CareSendEntity } from './entities/care-send.js';
import { ConversionEntity } from './entities/conversion.js';
import { InterestEntity } from './entities/interest.js';
import { TopicEntity } from './entities/topic.js';
import { runCareJob, runDispatchJob } from './jobs.js';
import { CLICK_PURPOSE } from './launch/send-member.js';
import { campaignMetrics } from './metrics/campaign-metrics.js';
import { type CampaignsInput, type CampaignsOptions, OPTIONS_SCHEMA } from './options.js';
import { CAMPAIGNS_PLUGIN_ID } from './plugin-id.js';
import { campaignsRoutes, clickRoutes } from './routes/campaigns-routes.js';
import { CAMPAIGNS_ROUTE_SCHEMAS, CAMPAIGNS_ROUTES_OPENAPI, CLICK_OPENAPI } from './routes/openapi.js';
import { CAMPAIGNS, createCampaignsService } from './service.js';
import { tapInterestSources } from './topics/interest-taps.js';
import { subscribeMessageEvents } from './tracking/message-events.js';
import { declareViews } from './views.js';

/**
 * Marketing on top of customers and messaging: campaigns to segments over e-mail and SMS whose
 * audience is frozen at launch, with a control group drawn from a recorded seed, sent in
 * resumable batches through messaging (so consent, opt-outs, caps and quiet hours hold);
 * topics customers follow; scheduled care; attribution and lift against the control group.
 *
 * @example
 * ```ts
 * const kernel = await createKernel({ store, plugins: [customers(), messaging(), campaigns()] });
 * const campaign = await kernel.data('campaign', { actor }).create({ name: 'Spring', type: 'retention',
 *   audience: { segmentId }, channels: [{ channel: 'email', templateKey: 'spring' }], controlShare: 0.1 });
 * await kernel.resolve(CAMPAIGNS).launch(actor, campaign.id); // the dispatch job freezes and sends
 * ```
 */
export const campaigns = definePlugin<CampaignsOptions, CampaignsInput>({
  id: CAMPAIGNS_PLUGIN_ID,
  version: '0.1.0',
  description:
    'Campaigns to segments with a frozen audience and a control group, interest-based outreach, scheduled care, attribution and ROI.',
  dependsOn: ['customers', 'messaging'],
  optionalDependsOn: ['sales', 'loyalty', 'tickets'],
  options: OPTIONS_SCHEMA,
  register(ctx) {
    ctx.entities.define(
      CampaignEntity,
      CampaignMemberEntity,
      TopicEntity,
      InterestEntity,
      CareRuleEntity,
      CareSendEntity,
      ConversionEntity,
    );
    declareAccess(ctx);
    tapCampaignRules(ctx);
    tapCustomerHooks(ctx);
    subscribeMessageEvents(ctx);
    ctx.routes.mount(campaignsRoutes(), {
      openapi: CAMPAIGNS_ROUTES_OPENAPI,
      schemas: CAMPAIGNS_ROUTE_SCHEMAS,
    });
    ctx.routes.public(clickRoutes(), { path: 'click', openapi: CLICK_OPENAPI });
    declareViews(ctx);
    ctx.links.purpose(CLICK_PURPOSE, { use: 'reusable', ttl: ctx.options.linkTtl as Duration });
    const installed = {
      sales: ctx.plugins.has('sales'),
      loyalty: ctx.plugins.has('loyalty'),
      tickets: ctx.plugins.has('tickets'),
    };
    ctx.services.provide(CAMPAIGNS, {
      deps: { kernel: KERNEL },
      factory: ({ kernel }) => createCampaignsService({ kernel, options: ctx.options, installed }),
    });
    if (installed.sales) tapSalesConversions(ctx);
    tapInterestSources(ctx, installed.sales);
    for (const metric of campaignMetrics()) ctx.metrics.define(metric);
    ctx.jobs.every(`${CAMPAIGNS_PLUGIN_ID}.dispatch`, ctx.options.dispatchEvery, runDispatchJob);
    ctx.jobs.cron(`${CAMPAIGNS_PLUGIN_ID}.care`, ctx.options.careCron, runCareJob, { timeZone: 'UTC' });
    ctx.entities.extend('customer', {
      properties: {
        birthday: {
          type: 'string',
          maxLength: 5,
          pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
          description: 'Day and month of birth, MM-DD (the birthday care rule; the year stays private).',
        },
      },
    });
  },
});

/** The type of {@link campaigns}: `campaigns(options?)` gives the installable plugin. */
export type CampaignsPluginFactory = typeof campaigns;
