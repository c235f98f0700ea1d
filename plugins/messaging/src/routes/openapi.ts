import { jsonRequestBody, jsonResponse, list, problemResponse, ref, schemaRef } from '@rapport/core';

const templateParam = { name: 'id', in: 'path', required: true, schema: ref, description: 'Template id.' };
const previewResponses = {
  '200': jsonResponse('The rendered subject, text and HTML.', schemaRef('MessagingTemplatePreview')),
  '400': problemResponse('Bad customerId or data.'),
  '403': problemResponse('Missing messageTemplate:read.'),
  '404': problemResponse('No such template or customer.'),
};
const idParam = { name: 'id', in: 'path', required: true, schema: ref, description: 'Customer id.' };

/** OpenAPI 3.1 path items of the plugin's routes, relative to `/api/messaging`. */
export const MESSAGING_ROUTES_OPENAPI: Record<string, unknown> = {
  '/messages': {
    post: {
      operationId: 'messagingSend',
      summary: 'Queue a message for a customer or an address (needs message:send)',
      description:
        'Consent, suppression, quiet hours and frequency caps are applied; the answer is the message with its status (queued, or suppressed with the reason). Delivered after commit, retried with backoff.',
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
          description:
            'A repeat with the same key answers the first message (200, Idempotent-Replayed: true) and queues nothing.',
        },
      ],
      requestBody: jsonRequestBody(schemaRef('MessagingSendRequest')),
      responses: {
        '201': jsonResponse('Queued (or suppressed, with the reason).', schemaRef('Message')),
        '200': jsonResponse(
          'The message an earlier call with this Idempotency-Key queued.',
          schemaRef('Message'),
          {
            'Idempotent-Replayed': { schema: { type: 'string', enum: ['true'] } },
          },
        ),
        '400': problemResponse('A bad request: the field and the rule are named.'),
        '403': problemResponse('Missing message:send.'),
        '404': problemResponse('No such customer (or hidden by a record rule).'),
        '409': problemResponse('The Idempotency-Key was used for a different request.'),
        '415': problemResponse('The body is not JSON.'),
      },
    },
  },
  '/templates/{id}/preview': {
    get: {
      operationId: 'messagingTemplatePreview',
      summary: 'A template rendered with a sample customer (or customerId) and [field] for each data field',
      parameters: [templateParam, { name: 'customerId', in: 'query', required: false, schema: ref }],
      responses: previewResponses,
    },
    post: {
      operationId: 'messagingTemplatePreviewWithData',
      summary: 'A template rendered with the given customer and data',
      parameters: [templateParam],
      requestBody: jsonRequestBody(schemaRef('MessagingTemplatePreviewRequest')),
      responses: { ...previewResponses, '415': problemResponse('The body is not JSON.') },
    },
  },
  '/customers/{id}/consents': {
    get: {
      operationId: 'messagingCustomerConsents',
      summary: "A customer's current consent per channel and purpose (needs consent:read)",
      parameters: [idParam],
      responses: {
        '200': jsonResponse('One entry per channel and purpose.', {
          type: 'object',
          properties: { items: list(schemaRef('MessagingConsentSummary'), 20) },
          required: ['items'],
          additionalProperties: false,
        }),
        '403': problemResponse('Missing consent:read.'),
        '404': problemResponse('No such customer.'),
      },
    },
  },
};
