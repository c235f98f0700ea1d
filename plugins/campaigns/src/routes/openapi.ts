import {
  count,
  dateTime,
  enumOf,
  jsonRequestBody,
  jsonResponse,
  list,
  problemResponse,
  ref,
  schemaRef,
  text,
} from '@rapport/core';
import { CAMPAIGN_CHANNELS, CAMPAIGN_STATUSES, CAMPAIGN_TYPES, MEMBER_STATUSES } from '../vocabulary.js';

const idParameter = (what: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  schema: ref,
  description: `${what} id.`,
});
const ratio = { type: ['number', 'null'], minimum: -1e12, maximum: 1e12 };
const moneySchema = {
  type: 'object',
  properties: {
    amount: { type: 'integer', minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
    currency: text(3),
  },
  required: ['amount', 'currency'],
  additionalProperties: false,
};
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });
const counts = {
  type: 'object',
  properties: Object.fromEntries(['control', ...MEMBER_STATUSES].map((s) => [s, count])),
  additionalProperties: false,
};

/** The schemas the routes' documents `$ref`. */
export const CAMPAIGNS_ROUTE_SCHEMAS = {
  CampaignResults: {
    type: 'object',
    properties: {
      campaignId: ref,
      name: text(),
      type: enumOf(CAMPAIGN_TYPES),
      status: enumOf(CAMPAIGN_STATUSES),
      launchedAt: dateTime,
      audience: count,
      treated: count,
      control: count,
      counts,
      reach: count,
      delivered: count,
      responded: count,
      optedOut: count,
      converted: count,
      controlConverted: count,
      rates: {
        type: 'object',
        properties: { delivery: ratio, response: ratio, conversion: ratio, optOut: ratio },
        additionalProperties: false,
      },
      credited: {
        type: 'object',
        properties: { conversions: count, revenue: moneySchema },
        additionalProperties: false,
      },
      revenue: {
        type: 'object',
        properties: { treated: moneySchema, control: moneySchema },
        additionalProperties: false,
      },
      cost: moneySchema,
      costPerConversion: nullable(moneySchema),
      incremental: nullable({
        type: 'object',
        properties: { conversions: { type: 'number', minimum: -1e12, maximum: 1e12 }, revenue: moneySchema },
        additionalProperties: false,
      }),
      roi: ratio,
      attributedRoi: ratio,
      lift: nullable({
        type: 'object',
        properties: {
          treatedRate: ratio,
          controlRate: ratio,
          absolute: ratio,
          relative: ratio,
          ci95: list(ratio, 2, { minItems: 2 }),
          significant: { type: 'boolean' },
        },
        additionalProperties: false,
      }),
    },
    required: [
      'campaignId',
      'name',
      'audience',
      'treated',
      'control',
      'counts',
      'reach',
      'rates',
      'lift',
      'roi',
    ],
    additionalProperties: false,
  },
  AudiencePreview: {
    type: 'object',
    properties: {
      audience: count,
      channel: enumOf(CAMPAIGN_CHANNELS),
      withConsent: count,
      sample: list(
        { type: 'object', properties: { id: ref, name: text() }, additionalProperties: false },
        10,
      ),
    },
    required: ['audience', 'channel', 'withConsent', 'sample'],
    additionalProperties: false,
  },
};

const channels = list(
  {
    type: 'object',
    properties: { channel: enumOf(CAMPAIGN_CHANNELS), templateKey: text(100) },
    required: ['channel', 'templateKey'],
    additionalProperties: false,
  },
  2,
  { minItems: 1 },
);
const audience = {
  type: 'object',
  properties: {
    segmentId: ref,
    where: { type: 'object', maxProperties: 50 },
    abcClasses: list(enumOf(['A', 'B', 'C']), 3),
    tiers: list(text(63), 20),
    topics: list(text(63), 50),
  },
  additionalProperties: false,
};

const move = (operationId: string, summary: string) => ({
  post: {
    operationId,
    summary,
    parameters: [idParameter('Campaign')],
    responses: {
      '200': jsonResponse('The campaign, moved.', schemaRef('Campaign')),
      '404': problemResponse('No such campaign (or not yours to see).'),
      '409': problemResponse('Its status does not allow the move.'),
    },
  },
});

/** The OpenAPI path items of the routes at `/api/campaigns`. */
export const CAMPAIGNS_ROUTES_OPENAPI = {
  '/{id}/launch': move(
    'launchCampaign',
    'Launches a campaign: freezes the audience, draws the control group and sends in batches (as a job)',
  ),
  '/{id}/schedule': move('scheduleCampaign', 'Schedules a draft campaign for its startAt'),
  '/{id}/unschedule': move('unscheduleCampaign', 'Takes a scheduled campaign back to draft'),
  '/{id}/cancel': move('cancelCampaign', 'Cancels a campaign that has not completed'),
  '/{id}/results': {
    get: {
      operationId: 'campaignResults',
      summary: 'Reach, delivery, response and conversion rates, revenue, cost per conversion, ROI and lift',
      parameters: [idParameter('Campaign')],
      responses: {
        '200': jsonResponse('The results.', schemaRef('CampaignResults')),
        '404': problemResponse('No such campaign (or not yours to see).'),
      },
    },
  },
  '/{id}/preview': {
    get: {
      operationId: 'previewCampaignAudience',
      summary: "The campaign's audience now, and how many of it have marketing consent on its first channel",
      parameters: [idParameter('Campaign')],
      responses: {
        '200': jsonResponse('The counts and a sample.', schemaRef('AudiencePreview')),
        '404': problemResponse('No such campaign (or not yours to see).'),
      },
    },
  },
  '/results/compare': {
    get: {
      operationId: 'compareCampaigns',
      summary: 'The results of the latest launched campaigns side by side (at most 50), of one type if asked',
      parameters: [{ name: 'type', in: 'query', required: false, schema: enumOf(CAMPAIGN_TYPES) }],
      responses: {
        '200': jsonResponse('Results, newest launch first.', {
          type: 'object',
          properties: { items: list(schemaRef('CampaignResults'), 50) },
          required: ['items'],
          additionalProperties: false,
        }),
        '400': problemResponse('An unknown type.'),
      },
    },
  },
  '/preview': {
    post: {
      operationId: 'previewAudience',
      summary: 'How many customers an audience holds now, and how many have marketing consent on a channel',
      requestBody: jsonRequestBody({
        type: 'object',
        properties: { audience, channel: enumOf(CAMPAIGN_CHANNELS) },
        required: ['audience', 'channel'],
        additionalProperties: false,
      }),
      responses: {
        '200': jsonResponse('The counts and a sample.', schemaRef('AudiencePreview')),
        '400': problemResponse('A bad audience or channel, named.'),
      },
    },
  },
  '/announce': {
    post: {
      operationId: 'announceProduct',
      summary: 'A draft announcement campaign to the customers following the topics a product is tagged with',
      requestBody: jsonRequestBody({
        type: 'object',
        properties: {
          name: text(),
          topics: list(text(63), 50, { minItems: 1 }),
          channels,
          data: { type: 'object', maxProperties: 50, additionalProperties: text(2_000) },
          goal: text(2_000),
          controlShare: { type: 'number', minimum: 0, maximum: 0.5 },
          code: text(40),
          linkUrl: text(2_000),
        },
        required: ['name', 'topics', 'channels'],
        additionalProperties: false,
      }),
      responses: {
        '201': jsonResponse('The draft campaign.', schemaRef('Campaign')),
        '400': problemResponse('An unknown topic or a bad field, named.'),
      },
    },
  },
  '/customers/{id}/interests': {
    post: {
      operationId: 'followTopic',
      summary: 'Records that a customer follows a topic (declared); following twice changes nothing',
      parameters: [idParameter('Customer')],
      requestBody: jsonRequestBody({
        type: 'object',
        properties: { topic: text(63), via: enumOf(['console', 'api']) },
        required: ['topic'],
        additionalProperties: false,
      }),
      responses: {
        '200': jsonResponse('The interest.', schemaRef('CampaignInterest')),
        '400': problemResponse('An unknown topic, named.'),
        '404': problemResponse('No such customer.'),
      },
    },
  },
};

/** The OpenAPI path items of the public click route at `/p/campaigns/click`. */
export const CLICK_OPENAPI = {
  '/{token}': {
    get: {
      operationId: 'campaignClick',
      summary: "Records a click on a campaign's tracked link and redirects to its destination",
      parameters: [
        {
          name: 'token',
          in: 'path',
          required: true,
          schema: { type: 'string', minLength: 1, maxLength: 200 },
        },
      ],
      responses: {
        '302': { description: 'To the campaign’s link.', headers: { Location: { schema: text(2_000) } } },
      },
    },
  },
};
