import type { RegisterContext } from '@rapport/core';
import type { Greeting } from './greeting-entity.js';
import type { Mood } from './mood-plugin.js';
import type { HelloOptions } from './options.js';
import type { Person } from './people-plugin.js';
import { HELLO_PLUGIN_ID } from './plugin-id.js';

/** The event a sad mood raises when the mood plugin is installed. */
export const MOOD_SAD = 'hello.mood.sad';

const CHEER_UP: Record<string, string> = {
  en: 'Chin up, {name} — we are here for you.',
  de: 'Kopf hoch, {name} — wir sind für dich da.',
  fr: 'Courage, {name} — nous sommes là pour vous.',
  'zh-Hans': '{name}，别灰心，我们一直都在。',
};

/**
 * What hello does with the optional `mood` plugin (`optionalDependsOn: ['mood']`), called only
 * when `ctx.plugins.has('mood')`: extend its entity with `cheeredUp`, tap its `afterCreate` to
 * raise an event for a sad mood, and answer that event with a cheer-up greeting.
 */
export function cheerUpSadPeople(ctx: RegisterContext<HelloOptions>): void {
  ctx.entities.extend('mood', { properties: { cheeredUp: { type: 'boolean', readOnly: true } } });
  ctx.hooks.entity<Mood>('mood').afterCreate.tapPromise(HELLO_PLUGIN_ID, async (mood, write) => {
    if (mood.feeling === 'sad') write.emit(MOOD_SAD, { moodId: mood.id, personId: mood.personId });
  });
  ctx.events.on<{ moodId: string; personId: string }>(MOOD_SAD, async ({ payload }, handler) => {
    const person = await handler.data<Person>('person').get(payload.personId);
    const template = CHEER_UP[person.language ?? 'en'] ?? (CHEER_UP.en as string);
    const greeting: Greeting = {
      personId: person.id,
      text: template.replace('{name}', person.name),
      channel: person.email ? 'email' : 'none',
    };
    if (person.ownerId) greeting.ownerId = person.ownerId;
    await handler.data<Greeting>('greeting').create(greeting);
    await handler.data('mood').update(payload.moodId, { cheeredUp: true });
  });
}
