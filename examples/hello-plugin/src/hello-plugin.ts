import { definePlugin } from '@rapport/core';
import { declareAccess } from './access.js';
import { cheerUpSadPeople } from './cheer-up.js';
import { registerDailyDigest } from './daily-digest.js';
import { greetNewPeople } from './greet-new-people.js';
import { GREETER, greeterProvider } from './greeter-service.js';
import { GreetingEntity } from './greeting-entity.js';
import { createHelloHooks, HELLO_HOOKS } from './hello-hooks.js';
import { startHello, stopHello, tapKernelPhases } from './lifecycle.js';
import { helloMetrics } from './metrics.js';
import { type HelloInput, type HelloOptions, OPTIONS_SCHEMA, optionProblems } from './options.js';
import { HELLO_PLUGIN_ID } from './plugin-id.js';
import { RATING_LINK_OPENAPI, RATING_PAGE_OPENAPI, ratingLinkRoutes } from './rating-link-route.js';
import { HELLO_MESSAGES, HELLO_RATE, ratingRoutes } from './rating-page.js';
import { registerRetention } from './retention-job.js';
import { declareViews } from './views.js';

/**
 * Greets every new person, and shows every plugin API doing so: see the README's table of which
 * file uses which API and which test shows it.
 *
 * @example
 * ```ts
 * const kernel = await createKernel({
 *   store: memoryStore(),
 *   plugins: [people(), mood(), hello({ blockedNames: ['Mallory'], digestTimeZone: 'Europe/Berlin' })],
 * });
 * ```
 */
export const hello = definePlugin<HelloOptions, HelloInput>({
  id: HELLO_PLUGIN_ID,
  version: '0.1.0',
  description: 'Greets new people; an example of every plugin API.',
  dependsOn: ['people'],
  optionalDependsOn: ['mood'],
  options: OPTIONS_SCHEMA,
  checkOptions: optionProblems,
  register(ctx) {
    ctx.entities.define(GreetingEntity);
    const hooks = ctx.hooks.publish(HELLO_HOOKS, createHelloHooks());
    ctx.services.provide(GREETER, greeterProvider);
    declareAccess(ctx);

    greetNewPeople(ctx, hooks);
    if (ctx.plugins.has('mood')) cheerUpSadPeople(ctx);
    tapKernelPhases(ctx);

    for (const metric of helloMetrics) ctx.metrics.define(metric);
    registerDailyDigest(ctx);
    registerRetention(ctx);

    ctx.links.purpose(HELLO_RATE, { use: 'single', ttl: `${ctx.options.ratingLinkDays}d` });
    ctx.routes.mount(ratingLinkRoutes(), { openapi: RATING_LINK_OPENAPI });
    ctx.routes.public(ratingRoutes(), {
      path: 'rate',
      messages: HELLO_MESSAGES,
      openapi: RATING_PAGE_OPENAPI,
    });
    declareViews(ctx);
  },
  start: startHello,
  stop: stopHello,
});
