import { defineEntity, type EntityRecord, enumOf, list, text } from '@rapport/core';
import { CHANNELS, type Channel, PURPOSES, type Purpose } from '../vocabulary.js';

/** The longest template body. */
export const MAX_TEMPLATE = 100_000;

/**
 * A message template for one channel and locale, in Mustache (logic-less: names, sections and
 * inverted sections only). Merge fields are `customer.*` (name, email, phone, kind, city,
 * country, language) and `data.*`, the caller's data, whose paths the template declares in
 * `fields`; any other name is refused when the template is saved.
 */
export interface MessageTemplate {
  /** The template's key, shared by its channel and locale variants (`order-shipped`). */
  key: string;
  channel: Channel;
  /** BCP 47 (`en`, `zh-Hans`). */
  locale: string;
  /** What it is for: a send with this template defaults to this purpose. */
  purpose?: Purpose;
  description?: string;
  /** E-mail subject. */
  subject?: string;
  text: string;
  /** E-mail HTML; every merge field is HTML-escaped (triple braces are refused). */
  html?: string;
  /** The paths of the caller's data it uses (`orderNumber`, `items`, `items.name`). */
  fields?: string[];
}

/** A stored template. */
export type MessageTemplateRecord = EntityRecord<MessageTemplate>;

/** The `messageTemplate` entity. */
export const MessageTemplateEntity = defineEntity<MessageTemplate>({
  name: 'messageTemplate',
  plural: 'messageTemplates',
  description:
    'A Mustache template per key, channel and locale, with the caller data fields it uses; checked when saved.',
  schema: {
    type: 'object',
    properties: {
      key: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[a-z][a-z0-9-]{0,99}$' },
      channel: enumOf(CHANNELS),
      locale: { type: 'string', minLength: 2, maxLength: 35, pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$' },
      purpose: enumOf(PURPOSES),
      description: text(1_000),
      subject: text(1_000),
      text: text(MAX_TEMPLATE),
      html: text(MAX_TEMPLATE),
      fields: {
        ...list(
          {
            type: 'string',
            minLength: 1,
            maxLength: 200,
            pattern: '^[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)*$',
          },
          100,
          { uniqueItems: true },
        ),
        default: [],
      },
    },
    required: ['key', 'channel', 'locale', 'text'],
  },
  indexes: [{ fields: ['key', 'channel', 'locale'], unique: true }],
  search: ['key', 'description', 'subject'],
});
