import { defineEntity, type EntityRecord, key, list, text } from '@rapport/core';

/** A topic customers follow (`garden-tools`, `new-arrivals`); products and announcements are tagged with topics. */
export interface Topic {
  key: string;
  name: string;
  description?: string;
  /** A word a customer may reply to follow it by SMS (`GARDEN`). */
  keyword?: string;
  /** Product tags or categories whose orders make a customer follow this topic (the inference rule). */
  inferFrom?: string[];
}

/** A stored topic. */
export type TopicRecord = EntityRecord<Topic>;

/** The `campaignTopic` entity. */
export const TopicEntity = defineEntity<Topic>({
  name: 'campaignTopic',
  plural: 'campaignTopics',
  description:
    'A topic customers follow; announcing a product tagged with it reaches its followers who consented.',
  schema: {
    type: 'object',
    properties: {
      key,
      name: text(),
      description: text(2_000),
      keyword: { type: 'string', minLength: 2, maxLength: 30, pattern: '^[A-Za-z0-9]+$' },
      inferFrom: list(text(100), 50, { uniqueItems: true }),
    },
    required: ['key', 'name'],
  },
  indexes: [{ fields: ['key'], unique: true }],
  search: ['name', 'description'],
});
