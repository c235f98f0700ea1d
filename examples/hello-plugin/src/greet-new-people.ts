import { HookStage, type RegisterContext, ValidationError } from '@rapport/core';
import { GREETER } from './greeter-service.js';
import type { Greeting } from './greeting-entity.js';
import type { HelloHooks } from './hello-hooks.js';
import type { HelloOptions } from './options.js';
import type { Person } from './people-plugin.js';
import { HELLO_PLUGIN_ID } from './plugin-id.js';

/** The event a new person raises, in the write's transaction. */
export const PERSON_ADDED = 'hello.person.added';

/** Payload of `hello.person.added`. */
export interface PersonAdded {
  personId: string;
  name: string;
  language: string;
  email?: string;
  ownerId?: string;
}

/**
 * Taps `person` (another plugin's entity): a `validate` hook refuses blocked names with a field
 * error, an `afterCreate` hook emits {@link PERSON_ADDED} inside the write's transaction (so it
 * exists exactly when the person does), and the event handler, after commit, writes the greeting
 * — its text composed by the `GREETER` service and passed through the published `compose` hook —
 * and marks the person greeted.
 */
export function greetNewPeople(ctx: RegisterContext<HelloOptions>, hooks: HelloHooks): void {
  ctx.entities.extend('person', { properties: { greeted: { type: 'boolean', readOnly: true } } });
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
    if (person.ownerId) payload.ownerId = person.ownerId;
    write.emit(PERSON_ADDED, { ...payload });
  });

  ctx.events.on<PersonAdded>(PERSON_ADDED, async ({ payload }, handler) => {
    const { personId, name, language } = payload;
    const text = hooks.compose.call(handler.resolve(GREETER).greet(name, language), {
      personId,
      name,
      language,
    });
    const greeting: Greeting = { personId, text, channel: payload.email ? 'email' : 'none' };
    if (payload.ownerId) greeting.ownerId = payload.ownerId;
    await handler.data<Greeting>('greeting').create(greeting);
    await handler.data('person').update(personId, { greeted: true });
  });
}
