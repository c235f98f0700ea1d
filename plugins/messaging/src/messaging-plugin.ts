import { definePlugin, KERNEL } from '@rapport/core';
import { declareAccess } from './access.js';
import { tapAccountRules } from './accounts/account-taps.js';
import { AdapterRegistry, MESSAGING_ADAPTERS } from './adapters/adapter-registry.js';
import { logAdapter } from './adapters/log-adapter.js';
import { smsGatewayAdapter } from './adapters/sms-gateway-adapter.js';
import { smtpAdapter } from './adapters/smtp-adapter.js';
import { webhookAdapter } from './adapters/webhook-adapter.js';
import { CALLBACK_OPENAPI, CALLBACK_SCHEMAS } from './callbacks/callback-openapi.js';
import { CALLBACK_PATH, callbackRoutes } from './callbacks/callback-routes.js';
import { tapConsentRules } from './consent/consent-taps.js';
import { tapCustomerHooks } from './customers/customer-hooks.js';
import { declareDelivery } from './delivery/delivery-wiring.js';
import { DELIVERY } from './delivery/dispatcher.js';
import { ChannelAccountEntity, ChannelSecretEntity } from './entities/channel-account.js';
import { ConsentEntity } from './entities/consent.js';
import { DeliveryEventEntity } from './entities/delivery-event.js';
import { MessageEntity } from './entities/message.js';
import { MessageTemplateEntity } from './entities/message-template.js';
import { SuppressionEntity } from './entities/suppression.js';
import { MESSAGING_METRICS } from './metrics/messaging-metrics.js';
import { type MessagingInput, type MessagingOptions, OPTIONS_SCHEMA, optionProblems } from './options.js';
import { MESSAGING_PLUGIN_ID } from './plugin-id.js';
import { messagingRoutes } from './routes/messaging-routes.js';
import { MESSAGING_ROUTES_OPENAPI } from './routes/openapi.js';
import { MESSAGING_ROUTE_SCHEMAS } from './routes/openapi-schemas.js';
import { createMessagingService, MESSAGING } from './service.js';
import { tapMessageRules } from './status/message-taps.js';
import { tapTemplateRules } from './templates/template-taps.js';
import { UNSUBSCRIBE_PATH, UNSUBSCRIBE_PURPOSE } from './unsubscribe/unsubscribe-links.js';
import { UNSUBSCRIBE_MESSAGES } from './unsubscribe/unsubscribe-messages.js';
import { UNSUBSCRIBE_OPENAPI, unsubscribeRoutes } from './unsubscribe/unsubscribe-page.js';
import { declareViews } from './views.js';

/**
 * One channel layer for every plugin: e-mail, SMS and webhooks out and in, through adapters
 * (log, SMTP, an HTTP SMS gateway, webhooks), with consent per customer, channel and purpose,
 * suppression, frequency caps, quiet hours, templates and a delivery log.
 *
 * @example
 * ```ts
 * const kernel = await createKernel({
 *   store: memoryStore(),
 *   plugins: [customers(), messaging({ publicUrl: 'https://crm.example.com' })],
 * });
 * await kernel.start();
 * await kernel.resolve(MESSAGING).send(
 *   { customerId: ada.id, channel: 'email', purpose: 'transactional', template: { key: 'order-shipped' }, data: { orderNumber: 'A-17' } },
 *   { actor },
 * );
 * ```
 */
export const messaging = definePlugin<MessagingOptions, MessagingInput>({
  id: MESSAGING_PLUGIN_ID,
  version: '0.1.0',
  description:
    'E-mail, SMS and webhooks out and in: consent, suppression, frequency caps, quiet hours, templates, delivery log.',
  dependsOn: ['customers'],
  options: OPTIONS_SCHEMA,
  checkOptions: optionProblems,
  register(ctx) {
    ctx.entities.define(
      ChannelAccountEntity,
      ChannelSecretEntity,
      MessageEntity,
      DeliveryEventEntity,
      MessageTemplateEntity,
      ConsentEntity,
      SuppressionEntity,
    );
    ctx.entities.extend('customer', {
      properties: {
        timeZone: {
          type: 'string',
          minLength: 1,
          maxLength: 64,
          description: 'IANA time zone (quiet hours).',
        },
      },
    });
    declareAccess(ctx);
    const adapters = ctx.hooks.publish(MESSAGING_ADAPTERS, new AdapterRegistry());
    for (const adapter of [logAdapter, smtpAdapter, smsGatewayAdapter, webhookAdapter]) adapters.add(adapter);
    tapAccountRules(ctx, adapters);
    tapConsentRules(ctx);
    tapMessageRules(ctx);
    tapTemplateRules(ctx);
    tapCustomerHooks(ctx);
    ctx.services.provide(MESSAGING, {
      deps: { kernel: KERNEL },
      factory: ({ kernel }) => createMessagingService(kernel, ctx.options),
    });
    declareDelivery(ctx, adapters);
    for (const metric of MESSAGING_METRICS) ctx.metrics.define(metric);
    declareViews(ctx);
    ctx.links.purpose(UNSUBSCRIBE_PURPOSE, {
      use: 'reusable',
      ttl: ctx.options.unsubscribeLinkTtl as `${number}d`,
    });
    ctx.routes.public(unsubscribeRoutes(), {
      path: UNSUBSCRIBE_PATH,
      messages: UNSUBSCRIBE_MESSAGES,
      openapi: UNSUBSCRIBE_OPENAPI,
    });
    ctx.routes.public(callbackRoutes(), {
      path: CALLBACK_PATH,
      security: 'signature',
      openapi: CALLBACK_OPENAPI,
      schemas: CALLBACK_SCHEMAS,
    });
    ctx.routes.mount(messagingRoutes(), {
      openapi: MESSAGING_ROUTES_OPENAPI,
      schemas: MESSAGING_ROUTE_SCHEMAS,
    });
  },
  async stop(ctx) {
    await ctx.resolve(DELIVERY).close();
  },
});

/** The type of {@link messaging}: `messaging(options?)` gives the installable plugin. */
export type MessagingPluginFactory = typeof messaging;
