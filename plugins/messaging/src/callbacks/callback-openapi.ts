import {
  type JsonSchema,
  jsonRequestBody,
  jsonResponse,
  problemResponse,
  ref,
  schemaRef,
} from '@rapport/core';
import { INBOUND_MESSAGE_SCHEMA } from '../inbound/inbound-message.js';
import { STATUS_REPORT_SCHEMA } from '../status/status-report.js';
import { MESSAGE_STATUSES } from '../vocabulary.js';

const accountParam = {
  name: 'accountId',
  in: 'path',
  required: true,
  schema: ref,
  description: 'Channel account id.',
};

/** Schemas of the callback routes. */
export const CALLBACK_SCHEMAS: Record<string, JsonSchema> = {
  MessagingStatusReport: { ...STATUS_REPORT_SCHEMA, description: 'A delivery report from a provider.' },
  MessagingInboundMessage: { ...INBOUND_MESSAGE_SCHEMA, description: 'A message a gateway passes in.' },
  MessagingInboundResult: {
    type: 'object',
    properties: {
      id: ref,
      duplicate: { type: 'boolean' },
      customerId: ref,
      threadKey: { type: 'string', maxLength: 300 },
      optOut: { type: 'boolean' },
    },
    required: ['id', 'duplicate', 'optOut'],
    additionalProperties: false,
  },
  MessagingStatusResult: {
    type: 'object',
    properties: {
      found: { type: 'boolean' },
      messageId: ref,
      from: { type: 'string', enum: [...MESSAGE_STATUSES] },
      to: { type: 'string', enum: [...MESSAGE_STATUSES] },
    },
    required: ['found'],
    additionalProperties: false,
  },
};

/** OpenAPI path items of the callbacks, relative to `/p/messaging/callbacks`. */
export const CALLBACK_OPENAPI: Record<string, unknown> = {
  '/{accountId}/status': {
    post: {
      operationId: 'messagingStatusCallback',
      summary:
        'A provider reports delivered, failed, bounced or a complaint (signed with the account callback secret)',
      parameters: [accountParam],
      requestBody: jsonRequestBody(schemaRef('MessagingStatusReport')),
      responses: {
        '200': jsonResponse(
          'Applied (a status only moves forward) or not found.',
          schemaRef('MessagingStatusResult'),
        ),
        '400': problemResponse('A malformed report.'),
      },
    },
  },
  '/{accountId}/inbound': {
    post: {
      operationId: 'messagingInbound',
      summary:
        'A gateway passes in a message: JSON, or a raw e-mail (signed with the account callback secret)',
      parameters: [accountParam],
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: schemaRef('MessagingInboundMessage') },
          'message/rfc822': { schema: { type: 'string', maxLength: 10_000_000 } },
        },
      },
      responses: {
        '200': jsonResponse(
          'Received (or a redelivery of one received before).',
          schemaRef('MessagingInboundResult'),
        ),
        '400': problemResponse('A malformed message.'),
        '415': problemResponse('Neither JSON nor message/rfc822.'),
      },
    },
  },
};
