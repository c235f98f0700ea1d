import { dateTime, enumOf, type JsonSchema, text } from '@rapport/core';
import { SEND_REQUEST_SCHEMA } from '../send/send-request.js';
import { CHANNELS, PURPOSES } from '../vocabulary.js';

/** The schemas the plugin's path items refer to. */
export const MESSAGING_ROUTE_SCHEMAS: Record<string, JsonSchema> = {
  MessagingSendRequest: { ...SEND_REQUEST_SCHEMA, description: 'What to send, to whom, and why.' },
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
