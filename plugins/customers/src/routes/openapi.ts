const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'Customer id.',
};
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const json = (description: string, schema: Record<string, unknown> = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});
const pageParams = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1 } },
  { name: 'cursor', in: 'query', schema: { type: 'string' } },
];

/** OpenAPI 3.1 path items of the plugin's routes, relative to `/api/customers`. */
export const CUSTOMER_ROUTES_OPENAPI: Record<string, unknown> = {
  '/{id}/timeline': {
    get: {
      operationId: 'customersTimeline',
      summary: "A customer's timeline across channels and plugins, newest first",
      parameters: [
        idParam,
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        {
          name: 'cursor',
          in: 'query',
          schema: { type: 'string' },
          description: 'nextCursor of the previous page.',
        },
      ],
      responses: {
        '200': json('{ items, nextCursor? }', {
          type: 'object',
          properties: { items: { type: 'array', items: { type: 'object' } }, nextCursor: { type: 'string' } },
        }),
        '400': problem('Bad limit or cursor.'),
        '404': problem('No such customer (or hidden by a record rule).'),
      },
    },
  },
  '/{id}/profile': {
    get: {
      operationId: 'customersProfile',
      summary:
        'The 7P profile: Profiling, Persistency, Profitability, Performance, Prospecting, Product, Promotion',
      parameters: [idParam],
      responses: {
        '200': json('Each part available (with contributions) or absent (with the reason).'),
        '404': problem('No such customer.'),
      },
    },
  },
  '/{id}/merge': {
    post: {
      operationId: 'customersMerge',
      summary: 'Merge another customer into this one (needs customer:merge)',
      parameters: [idParam],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object', properties: { from: { type: 'string' } }, required: ['from'] },
          },
        },
      },
      responses: {
        '200': json('{ survivor, mergedId, mergeId, moved, filled }'),
        '400': problem('from missing or the same customer.'),
        '403': problem('Missing customer:merge, :update or :delete.'),
        '404': problem('Either customer does not exist or is hidden.'),
      },
    },
  },
  '/recompute': {
    post: {
      operationId: 'customersRecompute',
      summary: 'Recompute value, ABC classes, RFM scores and lifecycle stages now (needs customer:recompute)',
      responses: {
        '200': json('The run summary: customers, updated, classes, stages.'),
        '403': problem('Missing customer:recompute.'),
      },
    },
  },
  '/import': {
    post: {
      operationId: 'customersImport',
      summary: 'Import customers from CSV or JSON, deduplicated on phone and e-mail (needs customer:import)',
      parameters: [
        {
          name: 'dryRun',
          in: 'query',
          schema: { type: 'boolean' },
          description: 'Check every row, store nothing.',
        },
      ],
      requestBody: {
        required: true,
        content: {
          'text/csv': { schema: { type: 'string' } },
          'application/json': { schema: { type: 'array', items: { type: 'object' } } },
        },
      },
      responses: {
        '200': json(
          '{ total, created, createdIds, rejected: [{ row, code, reason, field?, existingId?, duplicateOfRow? }], dryRun }',
        ),
        '201': json('Same report; at least one customer was created.'),
        '400': problem('Malformed body or unknown column; too many rows.'),
        '415': problem('Neither text/csv nor application/json.'),
      },
    },
  },
  '/lookup': {
    get: {
      operationId: 'customersLookup',
      summary: 'Find the customer behind a phone number or e-mail in any format',
      parameters: [
        { name: 'phone', in: 'query', schema: { type: 'string' } },
        { name: 'email', in: 'query', schema: { type: 'string' } },
      ],
      responses: {
        '200': json('{ items }'),
        '400': problem('Neither given, or the phone is not a phone number.'),
      },
    },
  },
  '/segments': {
    get: {
      operationId: 'customersSegments',
      summary: 'Segments with their live member counts (as the caller sees them)',
      parameters: pageParams,
      responses: { '200': json('{ items: [segment & { count }], nextCursor? }') },
    },
  },
  '/segments/{id}': {
    get: {
      operationId: 'customersSegment',
      summary: 'One segment with its live member count',
      parameters: [{ ...idParam, description: 'Segment id.' }],
      responses: { '200': json('The segment and count.'), '404': problem('No such segment.') },
    },
  },
  '/segments/{id}/members': {
    get: {
      operationId: 'customersSegmentMembers',
      summary: "A page of a segment's customers",
      parameters: [
        { ...idParam, description: 'Segment id.' },
        ...pageParams,
        {
          name: 'sort',
          in: 'query',
          schema: { type: 'string' },
          description: 'Comma-separated, - for descending.',
        },
        { name: 'fields', in: 'query', schema: { type: 'string' } },
      ],
      responses: { '200': json('{ items, nextCursor? }'), '404': problem('No such segment.') },
    },
  },
};
