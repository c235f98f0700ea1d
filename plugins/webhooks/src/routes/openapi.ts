import {
  type JsonSchema,
  jsonRequestBody,
  jsonResponse,
  problemResponse,
  ref,
  schemaRef,
} from '@rapport/core';
import { WebhookSubscriptionEntity } from '../entities/webhook-subscription.js';

const subscription = schemaRef('WebhookSubscription');
const withSecret = {
  type: 'object',
  properties: {
    subscription,
    secret: {
      type: 'string',
      maxLength: 100,
      pattern: '^whsec_[A-Za-z0-9_-]+$',
      description: 'The signing secret: shown this once; keep it where the receiver can read it.',
    },
  },
  required: ['subscription', 'secret'],
  additionalProperties: false,
};
const idParameter = [
  { name: 'id', in: 'path', required: true, schema: ref, description: 'Subscription id.' },
];
const properties = WebhookSubscriptionEntity.schema.properties as Record<string, JsonSchema>;
const writable = Object.fromEntries(
  ['url', 'events', 'active', 'description'].map((field) => [field, properties[field] as JsonSchema]),
);

/** OpenAPI 3.1 path items of the plugin's routes, relative to `/api/webhooks`. */
export const WEBHOOK_ROUTES_OPENAPI: Record<string, unknown> = {
  '/subscriptions': {
    post: {
      operationId: 'webhooksCreateSubscription',
      summary:
        'Subscribe a URL to events (names or patterns such as sales.deal.*); answers the signing secret, once',
      requestBody: jsonRequestBody({
        type: 'object',
        properties: writable,
        required: ['url', 'events'],
        additionalProperties: false,
      }),
      responses: {
        '201': jsonResponse('The subscription, owned by the caller, and its signing secret.', withSecret),
        '400': problemResponse('A field is missing or wrong: the URL (a private address), an event pattern.'),
        '403': problemResponse('Missing webhookSubscription:create.'),
        '415': problemResponse('The body is not JSON.'),
      },
    },
  },
  '/subscriptions/{id}/secret': {
    post: {
      operationId: 'webhooksRenewSecret',
      summary: 'Make a new signing secret (the old one stops working at once); answers it, once',
      parameters: idParameter,
      responses: {
        '200': jsonResponse('The subscription and its new signing secret.', withSecret),
        '403': problemResponse('Missing webhookSubscription:update.'),
        '404': problemResponse('No such subscription among the caller’s.'),
        '409': problemResponse('A concurrent change; try again.'),
      },
    },
  },
  '/subscriptions/{id}/enable': {
    post: {
      operationId: 'webhooksEnableSubscription',
      summary:
        'Enable a subscription (after it was disabled for failing): clears its failures, resumes its queue',
      parameters: idParameter,
      responses: {
        '200': jsonResponse('The enabled subscription.', {
          type: 'object',
          properties: { subscription },
          required: ['subscription'],
          additionalProperties: false,
        }),
        '403': problemResponse('Missing webhookSubscription:update.'),
        '404': problemResponse('No such subscription among the caller’s.'),
        '409': problemResponse('A concurrent change; try again.'),
      },
    },
  },
  '/deliveries/{id}/retry': {
    post: {
      operationId: 'webhooksRetryDelivery',
      summary: 'Send a dead or failed delivery again: its attempts start over, due now',
      parameters: [{ name: 'id', in: 'path', required: true, schema: ref, description: 'Delivery id.' }],
      responses: {
        '200': jsonResponse('The delivery, queued again.', {
          type: 'object',
          properties: { delivery: schemaRef('WebhookDelivery') },
          required: ['delivery'],
          additionalProperties: false,
        }),
        '403': problemResponse('Missing webhookSubscription:update.'),
        '404': problemResponse('No such delivery among the caller’s.'),
        '409': problemResponse('The delivery is not dead or failed (details.status names its state).'),
      },
    },
  },
};
