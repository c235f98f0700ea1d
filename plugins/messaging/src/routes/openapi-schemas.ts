import { dateTime, enumOf, type JsonSchema, jsonObject, ref, text } from '@rapport/core';
import { MAX_HTML, MAX_TEXT } from '../entities/message.js';
import { SEND_REQUEST_SCHEMA } from '../send/send-request.js';
import { CHANNELS, PURPOSES } from '../vocabulary.js';

/** The schemas the plugin's path items refer to. */
export const MESSAGING_ROUTE_SCHEMAS: Record<string, JsonSchema> = {
  MessagingSendRequest: { ...SEND_REQUEST_SCHEMA, description: 'What to send, to whom, and why.' },
  MessagingTemplatePreviewRequest: {
    type: 'object',
    properties: { customerId: ref, data: jsonObject(200) },
    additionalProperties: false,
  },
  MessagingTemplatePreview: {
    type: 'object',
    properties: {
      key: text(100),
      channel: enumOf(CHANNELS),
      locale: text(35),
      subject: text(1_000, { minLength: 0 }),
      text: text(MAX_TEXT, { minLength: 0 }),
      html: text(MAX_HTML, { minLength: 0 }),
    },
    required: ['key', 'channel', 'locale', 'text'],
    additionalProperties: false,
  },
  MessagingConsentSummary: {
    type: 'object',
    properties: {
      channel: enumOf(CHANNELS),
      purpose: enumOf(PURPOSES),
      state: enumOf(['in', 'out', 'none']),
      since: dateTime,
      source: text(100),
    },
    required: ['channel', 'purpose', 'state'],
    additionalProperties: false,
  },
};
