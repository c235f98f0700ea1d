import { defineEntity, definePlugin } from '@rapport/core';

/** A person the example CRM knows. */
export interface Person {
  name: string;
  email?: string;
  language?: 'en' | 'de' | 'fr' | 'zh-Hans';
}

/** The `person` entity. */
export const PersonEntity = defineEntity<Person>({
  name: 'person',
  plural: 'people',
  description: 'A person the CRM knows.',
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      email: { type: 'string', format: 'email', maxLength: 320 },
      language: { type: 'string', enum: ['en', 'de', 'fr', 'zh-Hans'], default: 'en' },
    },
    required: ['name'],
  },
  indexes: ['email'],
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
