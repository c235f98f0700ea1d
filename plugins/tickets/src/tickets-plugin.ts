import { definePlugin, KERNEL } from '@rapport/core';
import { declareAccess } from './access.js';
import { tapCustomerHooks } from './customers/customer-hooks.js';
import { AssetEntity } from './entities/asset.js';
import { BusinessCalendarEntity } from './entities/business-calendar.js';
import { EscalationFiringEntity, EscalationRuleEntity } from './entities/escalation-rule.js';
import { RatingEntity } from './entities/rating.js';
import { SlaPolicyEntity } from './entities/sla-policy.js';
import { TeamEntity } from './entities/team.js';
import { TicketEntity } from './entities/ticket.js';
import { TicketReplyEntity } from './entities/ticket-reply.js';
import { TicketStatusChangeEntity } from './entities/ticket-status-change.js';
import { subscribeEscalations } from './escalation/escalate.js';
import { tapNoUpdateRuleChecks } from './escalation/no-update.js';
import { subscribeInbound } from './inbound/thread-inbound.js';
import { qualityMetrics } from './metrics/quality-metrics.js';
import { ticketsMetrics } from './metrics/tickets-metrics.js';
import { seedTicketTemplates, subscribeNotifications } from './notifications/notify-customer.js';
import { subscribeEscalationNotices } from './notifications/notify-escalation.js';
import { OPTIONS_SCHEMA, type TicketsInput, type TicketsOptions } from './options.js';
import { TICKETS_PLUGIN_ID } from './plugin-id.js';
import { PROGRESS_PATH, PROGRESS_PURPOSE } from './progress/progress-links.js';
import { PROGRESS_MESSAGES } from './progress/progress-messages.js';
import { PROGRESS_OPENAPI, progressRoutes } from './progress/progress-page.js';
import { RATING_PATH, RATING_PURPOSE } from './ratings/rate-ticket.js';
import { RATING_MESSAGES } from './ratings/rating-messages.js';
import { RATING_OPENAPI, ratingRoutes } from './ratings/rating-page.js';
import { TICKETS_ROUTES_OPENAPI } from './routes/openapi.js';
import { ticketsRoutes } from './routes/tickets-routes.js';
import { createTicketsService, TICKETS } from './service.js';
import { tapCalendarRules } from './sla/calendar-taps.js';
import { tapReplyRules } from './tickets/reply-taps.js';
import { tapTicketRules } from './tickets/ticket-taps.js';
import { declareViews } from './views.js';

/**
 * Service desk on top of the customers plugin: complaints, inquiries, after-sales cases and repairs
 * with SLAs in business time (calendars with split shifts, holidays and time zones; pausing
 * statuses replayed from the status history), escalation rules as data (at risk, breached, no
 * update), a status machine, replies and internal notes, teams, the equipment file of each unit
 * sold, ratings, metrics and stats, a public progress page, the customer's timeline and 7P
 * service record, and customer notifications through messaging when it is installed.
 *
 * @example
 * ```ts
 * const kernel = await createKernel({ store: memoryStore(), plugins: [customers(), tickets()] });
 * await kernel.start();
 * const ticket = await kernel.data<Ticket>('ticket', { actor }).create({
 *   customerId: acme.id, type: 'repair', priority: 'high', subject: 'Press 4 leaks oil',
 * }); // ticket.sla.firstResponse.dueAt: in business time of the matching policy's calendar
 * ```
 */
export const tickets = definePlugin<TicketsOptions, TicketsInput>({
  id: TICKETS_PLUGIN_ID,
  version: '0.1.0',
  description:
    'Complaints, inquiries, after-sales and repairs with SLAs in business time, a status machine, replies, teams and equipment files.',
  dependsOn: ['customers'],
  optionalDependsOn: ['messaging', 'users'],
  options: OPTIONS_SCHEMA,
  register(ctx) {
    ctx.entities.define(
      BusinessCalendarEntity,
      SlaPolicyEntity,
      TeamEntity,
      AssetEntity,
      TicketEntity,
      TicketReplyEntity,
      TicketStatusChangeEntity,
      EscalationRuleEntity,
      EscalationFiringEntity,
      RatingEntity,
    );
    declareAccess(ctx);

    tapCalendarRules(ctx);
    tapTicketRules(ctx);
    tapReplyRules(ctx);
    subscribeEscalations(ctx);
    tapNoUpdateRuleChecks(ctx);
    subscribeInbound(ctx);
    tapCustomerHooks(ctx);
    subscribeNotifications(ctx);
    subscribeEscalationNotices(ctx);

    ctx.services.provide(TICKETS, {
      deps: { kernel: KERNEL },
      factory: ({ kernel }) => createTicketsService(kernel, ctx.options),
    });
    ctx.links.purpose(RATING_PURPOSE, { use: 'single', ttl: ctx.options.ratingLinkTtl as `${number}d` });
    ctx.links.purpose(PROGRESS_PURPOSE, {
      use: 'reusable',
      ttl: ctx.options.progressLinkTtl as `${number}d`,
    });
    ctx.routes.public(ratingRoutes(), {
      path: RATING_PATH,
      messages: RATING_MESSAGES,
      openapi: RATING_OPENAPI,
    });
    ctx.routes.public(progressRoutes(), {
      path: PROGRESS_PATH,
      messages: PROGRESS_MESSAGES,
      openapi: PROGRESS_OPENAPI,
    });
    for (const metric of [...ticketsMetrics(), ...qualityMetrics()]) ctx.metrics.define(metric);
    ctx.jobs.every(`${TICKETS_PLUGIN_ID}.sla`, ctx.options.slaEvery, async (job) => {
      const report = await job.resolve(TICKETS).runSla();
      if (report.touched > 0) job.logger.info(report, 'SLA states moved');
      if (report.refused)
        job.logger.warn(report, 'SLA not computable for some tickets: fix their policy or calendar');
    });
    ctx.routes.mount(ticketsRoutes(), { openapi: TICKETS_ROUTES_OPENAPI });
    declareViews(ctx);
  },
  async start(ctx) {
    // with messaging installed: the customer notification templates, in English and Chinese
    if (ctx.resolve(KERNEL).entities.has('messageTemplate'))
      await seedTicketTemplates((entity) => ctx.data(entity));
  },
});

/** The type of {@link tickets}: `tickets(options?)` gives the installable plugin. */
export type TicketsPluginFactory = typeof tickets;
