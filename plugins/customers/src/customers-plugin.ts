import { definePlugin, KERNEL, type PluginDefinition, type PluginInstance } from '@rapport/core';
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
import { PLUGIN_ID } from './plugin-id.js';
import { tapOwnProfileParts } from './profile/own-parts.js';
import { customerRoutes } from './routes/customer-routes.js';
import { CUSTOMER_ROUTES_OPENAPI } from './routes/openapi.js';
import { CUSTOMER_ROUTE_SCHEMAS } from './routes/openapi-schemas.js';
import { createRuntime } from './runtime.js';
import { tapSegmentRules } from './segments/segment-taps.js';
import { CUSTOMERS, createCustomersService } from './service.js';
import { tapInteractionTimeline } from './timeline/interaction-source.js';
import { CUSTOMER_VALUE, createValueRecorder } from './value/value-recorder.js';
import { tapValueRules } from './value/value-taps.js';

/** The plugin factory: `customers({ defaultRegion: 'DE', lifecycle: { churnAfterDays: 120 } })`. */
export type CustomersPluginFactory = ((options?: CustomersInput) => PluginInstance<CustomersOptions>) & {
  readonly id: string;
  readonly definition: PluginDefinition<CustomersOptions>;
};

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
export const customers = definePlugin<CustomersOptions>({
  id: PLUGIN_ID,
  version: '0.1.0',
  description:
    'Customers, contacts, interactions on every channel, one timeline, value, ABC/RFM, lifecycle, segments, 7P profile.',
  options: OPTIONS_SCHEMA,
  register(ctx) {
    const problems = optionProblems(ctx.options);
    if (problems.length > 0) throw new Error(`invalid options: ${problems.join('; ')}`);

    const hooks = ctx.hooks.publish(CUSTOMER_HOOKS, createCustomerHooks());
    const runtime = createRuntime(ctx.options, hooks);

    for (const entity of [
      CustomerEntity,
      ContactEntity,
      InteractionEntity,
      CustomerValueEntity,
      SegmentEntity,
      CustomerMergeEntity,
    ]) {
      ctx.entities.define(entity as Parameters<typeof ctx.entities.define>[0]);
    }
    tapCustomerIdentity(ctx);
    tapCustomerRules(ctx);
    tapContactRules(ctx);
    tapInteractionRules(ctx);
    tapValueRules(ctx);
    tapSegmentRules(ctx, runtime);
    tapMergeLogRules(ctx);
    tapInteractionTimeline(hooks);
    tapOwnProfileParts(hooks, ctx.options);

    // The kernel exists once booted: the service factory hands it to the runtime, and `start`
    // resolves the service, so taps and routes reach the kernel through the runtime.
    ctx.services.provide(CUSTOMERS, {
      deps: { kernel: KERNEL },
      factory: ({ kernel }) => {
        runtime.attach(kernel);
        return createCustomersService(runtime);
      },
    });
    ctx.services.provide(CUSTOMER_VALUE, { value: createValueRecorder(() => runtime.kernel()) });
    ctx.access.grant('manager', ['customer:merge', 'customer:recompute', 'customer:import']);
    for (const metric of customerMetrics(ctx.options)) ctx.metrics.define(metric);
    ctx.jobs.every(`${PLUGIN_ID}.recompute`, ctx.options.recomputeEvery as `${number}d`, async (job) => {
      await job.resolve(CUSTOMERS).recompute();
    });
    ctx.routes.mount(customerRoutes(), { openapi: CUSTOMER_ROUTES_OPENAPI, schemas: CUSTOMER_ROUTE_SCHEMAS });
  },
  start(ctx) {
    ctx.resolve(CUSTOMERS);
  },
}) as CustomersPluginFactory;
