import { definePlugin, KERNEL } from '@rapport/core';
import { ContactEntity } from './entities/contact.js';
import { tapContactRules } from './entities/contact-taps.js';
import { CustomerEntity } from './entities/customer.js';
import { CustomerMergeEntity } from './entities/customer-merge.js';
import { tapCustomerRules } from './entities/customer-taps.js';
import { CustomerValueEntity } from './entities/customer-value.js';
import { InteractionEntity } from './entities/interaction.js';
import { tapInteractionRules } from './entities/interaction-taps.js';
import { SegmentEntity } from './entities/segment.js';
import { CUSTOMER_HOOKS, createCustomerHooks } from './hooks/customer-hooks.js';
import { tapCustomerIdentity } from './identity/identity-taps.js';
import { tapMergeLogRules } from './merge/merge-log-taps.js';
import { customerMetrics } from './metrics/customer-metrics.js';
import { type CustomersInput, type CustomersOptions, OPTIONS_SCHEMA, optionProblems } from './options.js';
import { CUSTOMERS_PLUGIN_ID } from './plugin-id.js';
import { tapOwnProfileParts } from './profile/own-parts.js';
import { customerRoutes } from './routes/customer-routes.js';
import { CUSTOMER_ROUTES_OPENAPI } from './routes/openapi.js';
import { CUSTOMER_ROUTE_SCHEMAS } from './routes/openapi-schemas.js';
import { tapSegmentRules } from './segments/segment-taps.js';
import { CUSTOMERS, createCustomersService } from './service.js';
import { tapInteractionTimeline } from './timeline/interaction-source.js';
import { CUSTOMER_VALUE, createValueRecorder } from './value/value-recorder.js';
import { tapValueRules } from './value/value-taps.js';
import { declareViews } from './views.js';

/**
 * The customer base every other CRM plugin stands on: customers (persons and organisations),
 * contacts, interactions on every channel, value records, segments and merge records; one
 * timeline and one 7P profile that other plugins contribute to; ABC classes, RFM scores and
 * lifecycle stages recomputed by a job; identity by E.164 phone and e-mail with merge; import.
 * Works with no other plugin installed.
 *
 * @example
 * ```ts
 * const kernel = await createKernel({
 *   store: memoryStore(),
 *   plugins: [apiKeys(), customers({ defaultRegion: 'DE', currency: 'EUR' })],
 * });
 * await kernel.start();
 * const ada = await kernel.data<Customer>('customer', { actor }).create({
 *   kind: 'person', name: 'Ada Lovelace', phone: '030 1234567', email: 'Ada@Example.com',
 * }); // phone +49301234567, email ada@example.com
 * ```
 */
export const customers = definePlugin<CustomersOptions, CustomersInput>({
  id: CUSTOMERS_PLUGIN_ID,
  version: '0.1.0',
  description:
    'Customers, contacts, interactions on every channel, one timeline, value, ABC/RFM, lifecycle, segments, 7P profile.',
  options: OPTIONS_SCHEMA,
  checkOptions: optionProblems,
  register(ctx) {
    const hooks = ctx.hooks.publish(CUSTOMER_HOOKS, createCustomerHooks());
    ctx.entities.define(
      CustomerEntity,
      ContactEntity,
      InteractionEntity,
      CustomerValueEntity,
      SegmentEntity,
      CustomerMergeEntity,
    );
    ctx.access.grant('manager', ['customer:merge', 'customer:recompute', 'customer:import']);

    tapCustomerIdentity(ctx);
    tapCustomerRules(ctx);
    tapContactRules(ctx);
    tapInteractionRules(ctx);
    tapValueRules(ctx);
    tapSegmentRules(ctx);
    tapMergeLogRules(ctx);
    tapInteractionTimeline(hooks);
    tapOwnProfileParts(hooks, ctx.options);

    ctx.services.provide(CUSTOMERS, {
      deps: { kernel: KERNEL },
      factory: ({ kernel }) => createCustomersService({ kernel, options: ctx.options, hooks }),
    });
    ctx.services.provide(CUSTOMER_VALUE, {
      deps: { kernel: KERNEL },
      factory: ({ kernel }) => createValueRecorder(kernel),
    });
    for (const metric of customerMetrics(ctx.options)) ctx.metrics.define(metric);
    ctx.jobs.every(`${CUSTOMERS_PLUGIN_ID}.recompute`, ctx.options.recomputeEvery, async (job) => {
      await job.resolve(CUSTOMERS).recompute();
    });
    declareViews(ctx);
    ctx.routes.mount(customerRoutes(), { openapi: CUSTOMER_ROUTES_OPENAPI, schemas: CUSTOMER_ROUTE_SCHEMAS });
  },
});

/** The type of {@link customers}: `customers(options?)` gives the installable plugin. */
export type CustomersPluginFactory = typeof customers;
