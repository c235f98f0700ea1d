import {
  currency,
  jsonRequestBody,
  jsonResponse,
  key,
  MAX_DATE_TIME_LENGTH,
  problemResponse,
  ref,
  schemaRef,
  text,
} from '@rapport/core';

const query = (name: string, description: string, schema: Record<string, unknown>) => ({
  name,
  in: 'query',
  schema,
  description,
});
const BOUND = { type: 'string', maxLength: MAX_DATE_TIME_LENGTH, pattern: '^\\d{4}-\\d{2}-\\d{2}(T.+)?$' };
const filters = [
  query(
    'pipeline',
    'Pipeline key (default: the default pipeline; the forecast covers all pipelines without it).',
    key,
  ),
  query(
    'from',
    'Start, inclusive: YYYY-MM-DD (local midnight in the deployment time zone) or an ISO 8601 time (without an offset: local time there).',
    BOUND,
  ),
  query('to', 'End, exclusive: like from.', BOUND),
  query('ownerId', 'Only deals of this owner.', ref),
  query('currency', 'Only deals in this currency (required when they are in several).', currency),
];
const idParam = (description: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: ref,
});
const reportErrors = {
  '400': problemResponse(
    'Bad period, unknown pipeline, or deals in several currencies without a currency filter.',
  ),
  '403': problemResponse('Missing deal:read.'),
};
const notJson = { '415': problemResponse('The body is not JSON.') };

/** OpenAPI 3.1 path items of the plugin's routes, relative to `/api/sales`. */
export const SALES_ROUTES_OPENAPI: Record<string, unknown> = {
  '/funnel': {
    get: {
      operationId: 'salesFunnel',
      summary:
        'Funnel of a pipeline: per stage, deals reached / current / lost, value and conversion, for the deals opened in a period',
      parameters: filters,
      responses: {
        '200': jsonResponse('The funnel (default period: the last 365 days).', schemaRef('Funnel')),
        ...reportErrors,
      },
    },
  },
  '/forecast': {
    get: {
      operationId: 'salesForecast',
      summary:
        'Weighted forecast per month or quarter: open deals by forecast category, weighted amount, closed-won',
      parameters: [
        ...filters,
        query(
          'period',
          'month (default) or quarter: whole calendar periods in the deployment time zone; from/to are widened to the periods they touch (default: this period and the next two).',
          { type: 'string', enum: ['month', 'quarter'], default: 'month' },
        ),
      ],
      responses: {
        '200': jsonResponse(
          'The forecast (default range: this period and the next two, in the deployment time zone).',
          schemaRef('Forecast'),
        ),
        ...reportErrors,
      },
    },
  },
  '/velocity': {
    get: {
      operationId: 'salesVelocity',
      summary: 'Average days per stage (stays that ended in the period) and average sales cycle of won deals',
      parameters: filters,
      responses: {
        '200': jsonResponse('The velocity (default period: the last 365 days).', schemaRef('Velocity')),
        ...reportErrors,
      },
    },
  },
  '/board': {
    get: {
      operationId: 'salesBoard',
      summary:
        "The console's pipeline board: a pipeline's stages as lanes, and the active pipelines to switch to",
      parameters: [query('pipeline', 'Pipeline key (default: the default pipeline).', key)],
      responses: {
        '200': jsonResponse('The board.', schemaRef('PipelineBoard')),
        '400': problemResponse('Unknown pipeline.'),
        '403': problemResponse('Missing pipeline:read.'),
      },
    },
  },
  '/leads/{id}/convert': {
    post: {
      operationId: 'salesConvertLead',
      summary: 'Convert a qualified lead into a customer (deduplicated), a contact and a deal, atomically',
      parameters: [idParam('Lead id.')],
      requestBody: { ...jsonRequestBody(schemaRef('LeadConversionRequest')), required: false },
      responses: {
        '201': jsonResponse('What the conversion made.', schemaRef('LeadConversion')),
        '400': problemResponse('The lead is not qualified, no amount, bad stage or pipeline.'),
        '403': problemResponse('Missing lead:update or a create permission.'),
        '404': problemResponse('No such lead.'),
        '409': problemResponse('Already converted, or phone and e-mail belong to two customers.'),
        ...notJson,
      },
    },
  },
  '/deals/{id}/reopen': {
    post: {
      operationId: 'salesReopenDeal',
      summary: 'Reopen a won or lost deal into an open stage (needs deal:reopen)',
      parameters: [idParam('Deal id.')],
      requestBody: jsonRequestBody(schemaRef('DealReopenRequest')),
      responses: {
        '200': jsonResponse('The reopened deal.', schemaRef('Deal'), {
          ETag: { description: 'The new record version.', schema: text(30) },
        }),
        '400': problemResponse(
          'No reason, the deal is open, or the stage is not an open stage of its pipeline.',
        ),
        '403': problemResponse('Missing deal:reopen.'),
        '404': problemResponse('No such deal.'),
        '409': problemResponse('The deal changed meanwhile.'),
        ...notJson,
      },
    },
  },
  '/rules/run': {
    post: {
      operationId: 'salesRunTimeRules',
      summary: 'Run the time-triggered automation rules now (needs salesRule:run)',
      responses: {
        '200': jsonResponse('What the run did.', schemaRef('TimeRulesReport')),
        '403': problemResponse('Missing salesRule:run.'),
      },
    },
  },
};
