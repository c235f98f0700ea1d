import { defineEntity, definePlugin, HookStage, ValidationError } from '@rapport/core';
import { registerDailyDigest } from './daily-digest.js';
import { GREETER, greeterProvider } from './greeter-service.js';
import type { Person } from './people-plugin.js';
import { RATING_LINK_OPENAPI, RATING_PAGE_OPENAPI, ratingLinkRoutes } from './rating-link-route.js';
import { HELLO_MESSAGES, HELLO_RATE, ratingRoutes } from './rating-page.js';

/** One plugin id names the taps, events, metrics and errors of this plugin. */
export const HELLO_PLUGIN_ID = 'hello';

/** A greeting sent to a person. */
export interface Greeting {
  personId: string;
  text: string;
  channel: 'email' | 'none';
  /** 1 to 5 stars, from the person's rating page. */
  rating?: number;
  ratedAt?: string;
}

/** The `greeting` entity. */
export const GreetingEntity = defineEntity<Greeting>({
  name: 'greeting',
  plural: 'greetings',
  description: 'A greeting sent to a person when they were added.',
  schema: {
    type: 'object',
    properties: {
      personId: { type: 'string' },
      text: { type: 'string', maxLength: 500 },
      channel: { type: 'string', enum: ['email', 'none'] },
      rating: { type: 'integer', minimum: 1, maximum: 5 },
      ratedAt: { type: 'string', format: 'date-time' },
    },
    required: ['personId', 'text', 'channel'],
  },
  indexes: ['personId'],
});

/** Options of the hello plugin. */
export interface HelloOptions {
  /** Names that may not be greeted (refused at create). */
  blockedNames: string[];
  /** IANA time zone of the 08:00 daily digest; the deployment's (`ctx.timeZone`) when not given. */
  digestTimeZone?: string;
}

/** Payload of `hello.person.added`. */
export interface PersonAdded {
  personId: string;
  name: string;
  language: string;
  email?: string;
}

/**
 * Greets every new person: a `validate` hook on `person` (another plugin's entity) refuses
 * blocked names, an `afterCreate` hook emits `hello.person.added` in the same transaction,
 * and the event handler, after commit, writes a `greeting` composed by the `GREETER` service.
 * The `hello.greetingsSent` metric counts greetings in a period, and the `hello.dailyDigest`
 * calendar job writes each morning at 08:00 how many went out the day before. A greeted person
 * can rate the greeting on a public page, `/p/hello/rate/<token>`, opened from a single-use link
 * token that `POST /api/hello/greetings/:id/rating-link` issues.
 */
export const hello = definePlugin<HelloOptions>({
  id: HELLO_PLUGIN_ID,
  version: '0.1.0',
  description: 'Greets new people; an example of every plugin API.',
  dependsOn: ['people'],
  options: {
    type: 'object',
    properties: {
      blockedNames: { type: 'array', items: { type: 'string' }, default: [] },
      digestTimeZone: { type: 'string', minLength: 1 },
    },
    additionalProperties: false,
  },
  register(ctx) {
    ctx.entities.define(GreetingEntity);
    ctx.entities.extend('person', { properties: { greeted: { type: 'boolean' } } });
    ctx.services.provide(GREETER, greeterProvider);
    registerDailyDigest(ctx);

    const people = ctx.hooks.entity<Person & { greeted?: boolean }>('person');
    people.validate.tapPromise({ name: HELLO_PLUGIN_ID, stage: HookStage.EARLY }, async ({ record }) => {
      if (ctx.options.blockedNames.includes(record.name)) {
        throw new ValidationError(`${record.name} may not be greeted`, [
          { path: 'name', rule: 'hello.blocked', message: 'is on the blocked list' },
        ]);
      }
    });
    people.afterCreate.tapPromise(HELLO_PLUGIN_ID, async (person, write) => {
      const payload: PersonAdded = {
        personId: person.id,
        name: person.name,
        language: person.language ?? 'en',
      };
      if (person.email) payload.email = person.email;
      write.emit('hello.person.added', { ...payload });
    });

    ctx.events.on<PersonAdded>('hello.person.added', async (event, handler) => {
      const greeter = handler.resolve(GREETER);
      await handler.data<Greeting>('greeting').create({
        personId: event.payload.personId,
        text: greeter.greet(event.payload.name, event.payload.language),
        channel: event.payload.email ? 'email' : 'none',
      });
      await handler.data('person').update(event.payload.personId, { greeted: true });
    });

    ctx.links.purpose(HELLO_RATE, { use: 'single', ttl: '14d' });
    ctx.routes.mount(ratingLinkRoutes(), { openapi: RATING_LINK_OPENAPI });
    ctx.routes.public(ratingRoutes(), {
      path: 'rate',
      messages: HELLO_MESSAGES,
      openapi: RATING_PAGE_OPENAPI,
    });

    ctx.metrics.define({
      id: 'hello.greetingsSent',
      unit: 'count',
      better: 'higher',
      description: 'Greetings written in the period.',
      compute: (period, metric) =>
        metric.data('greeting').count({
          createdAt: { gte: new Date(period.from).toISOString(), lt: new Date(period.to).toISOString() },
        }),
    });
  },
});
