import { defineEntity, definePlugin, email, enumOf, ref, text } from '@rapport/core';

/** A person the example CRM knows. */
export interface Person {
  name: string;
  email?: string;
  language?: 'en' | 'de' | 'fr' | 'zh-Hans';
  /** The user who looks after this person. */
  ownerId?: string;
}

/** The `person` entity. */
export const PersonEntity = defineEntity<Person>({
  name: 'person',
  plural: 'people',
  description: 'A person the CRM knows.',
  schema: {
    type: 'object',
    properties: {
      name: text(200, { minLength: 1 }),
      email: { ...email, format: 'email' },
      language: { ...enumOf(['en', 'de', 'fr', 'zh-Hans']), default: 'en' },
      ownerId: ref,
    },
    required: ['name'],
  },
  indexes: ['email', 'ownerId'],
});

/** Id of the people plugin. */
export const PEOPLE_PLUGIN_ID = 'people';

/** A minimal base plugin that owns `person`; the hello plugin builds on it. */
export const people = definePlugin({
  id: PEOPLE_PLUGIN_ID,
  version: '0.1.0',
  description: 'People: the base entity the hello plugin extends.',
  register(ctx) {
    ctx.entities.define(PersonEntity);
  },
});
