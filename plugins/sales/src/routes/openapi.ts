const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const json = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
});
const query = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({
  name,
  in: 'query',
  schema,
  description,
});
const filters = [
  query(
    'pipeline',
    'Pipeline key (default: the default pipeline; the forecast covers all pipelines without it).',
  ),
  query(
    'from',
    'Start, inclusive: YYYY-MM-DD (local midnight in the deployment time zone) or an ISO 8601 time (without an offset: local time there).',
  ),
  query('to', 'End, exclusive: like from.'),
  query('ownerId', 'Only deals of this owner.'),
  query('currency', 'Only deals in this currency (required when they are in several).', {
    type: 'string',
    pattern: '^[A-Z]{3}$',
  }),
];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const reportErrors = {
  '400': problem('Bad period, unknown pipeline, or deals in several currencies without a currency filter.'),
  '403': problem('Missing deal:read.'),
};

/** OpenAPI 3.1 path items of the plugin's routes, relative to `/api/sales`. */
export const SALES_ROUTES_OPENAPI: Record<string, unknown> = {
  '/funnel': {
    get: {
      operationId: 'salesFunnel',
      summary:
        'Funnel of a pipeline: per stage, deals reached / current / lost, value and conversion, for the deals opened in a period',
      parameters: filters,
      responses: { '200': json('The funnel.'), ...reportErrors },
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
          { type: 'string', enum: ['month', 'quarter'] },
        ),
      ],
      responses: { '200': json('The forecast.'), ...reportErrors },
    },
  },
  '/velocity': {
    get: {
      operationId: 'salesVelocity',
      summary: 'Average days per stage (stays that ended in the period) and average sales cycle of won deals',
      parameters: filters,
      responses: { '200': json('The velocity.'), ...reportErrors },
    },
  },
  '/leads/{id}/convert': {
    post: {
      operationId: 'salesConvertLead',
      summary: 'Convert a qualified lead into a customer (deduplicated), a contact and a deal, atomically',
      parameters: [idParam],
      requestBody: {
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                customerId: { type: 'string', description: 'Attach to this existing customer.' },
                deal: {
                  type: 'object',
                  properties: {
                    title: { type: 'string' },
                    amount: { type: 'object' },
                    lines: { type: 'array' },
                    pipeline: { type: 'string' },
                    stage: { type: 'string' },
                    expectedCloseDate: { type: 'string', format: 'date' },
                    ownerId: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
      responses: {
        '201': json('{ lead, customer, customerCreated, contact?, contactCreated, deal }'),
        '400': problem('The lead is not qualified, no amount, bad stage or pipeline.'),
        '403': problem('Missing lead:update or a create permission.'),
        '404': problem('No such lead.'),
        '409': problem('Already converted, or phone and e-mail belong to two customers.'),
      },
    },
  },
  '/deals/{id}/reopen': {
    post: {
      operationId: 'salesReopenDeal',
      summary: 'Reopen a won or lost deal into an open stage (needs deal:reopen)',
      parameters: [idParam],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: { reason: { type: 'string' }, stage: { type: 'string' } },
              required: ['reason'],
            },
          },
        },
      },
      responses: {
        '200': json('The reopened deal.'),
        '400': problem('No reason, the deal is open, or the stage is not an open stage of its pipeline.'),
        '403': problem('Missing deal:reopen.'),
        '404': problem('No such deal.'),
      },
    },
  },
  '/rules/run': {
    post: {
      operationId: 'salesRunTimeRules',
      summary: 'Run the time-triggered automation rules now (needs salesRule:run)',
      responses: {
        '200': json('{ rules, fired, skipped, failed }'),
        '403': problem('Missing salesRule:run.'),
      },
    },
  },
};
