import {
  email,
  jsonRequestBody,
  jsonResponse,
  list,
  MAX_CURSOR_LENGTH,
  MAX_PAGE_SIZE,
  phone,
  problemResponse,
  ref,
  schemaRef,
  text,
} from '@rapport/core';
import { MAX_TIMELINE_LIMIT } from '../timeline/read-timeline.js';
import { MAX_IMPORT_ROWS, MAX_IMPORT_TEXT } from './openapi-schemas.js';

const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: ref,
  description: 'Customer id.',
};
const segmentIdParam = { ...idParam, description: 'Segment id.' };
const limit = (description: string, maximum = MAX_PAGE_SIZE) => ({
  name: 'limit',
  in: 'query',
  description,
  schema: { type: 'integer', minimum: 1, maximum },
});
const cursor = {
  name: 'cursor',
  in: 'query',
  schema: { type: 'string', maxLength: MAX_CURSOR_LENGTH },
  description: 'nextCursor of the previous page.',
};
const sort = {
  name: 'sort',
  in: 'query',
  schema: text(2_000),
  description: 'Comma-separated fields, - for descending: -createdAt,name',
};
const fields = {
  name: 'fields',
  in: 'query',
  schema: text(2_000),
  description: 'Comma-separated fields to return (id always); the items then hold only those.',
};
const badQuery = problemResponse('A bad limit, cursor, sort or fields.');

/** OpenAPI 3.1 path items of the plugin's routes, relative to `/api/customers`. */
export const CUSTOMER_ROUTES_OPENAPI: Record<string, unknown> = {
  '/{id}/timeline': {
    get: {
      operationId: 'customersTimeline',
      summary: "A customer's timeline across channels and plugins, newest first",
      parameters: [
        idParam,
        {
          ...limit(`Items per page, 1–${MAX_TIMELINE_LIMIT}.`, MAX_TIMELINE_LIMIT),
          schema: { type: 'integer', minimum: 1, maximum: MAX_TIMELINE_LIMIT, default: 20 },
        },
        cursor,
      ],
      responses: {
        '200': jsonResponse('A page of the timeline.', schemaRef('TimelinePage')),
        '400': problemResponse('Bad limit or cursor.'),
        '404': problemResponse('No such customer (or hidden by a record rule).'),
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
        '200': jsonResponse(
          'Each part available (with contributions) or absent (with the reason).',
          schemaRef('CustomerProfile'),
        ),
        '403': problemResponse('Missing customer:read.'),
        '404': problemResponse('No such customer.'),
      },
    },
  },
  '/{id}/merge': {
    post: {
      operationId: 'customersMerge',
      summary: 'Merge another customer into this one (needs customer:merge)',
      parameters: [{ ...idParam, description: 'The surviving customer.' }],
      requestBody: jsonRequestBody(schemaRef('CustomerMergeRequest')),
      responses: {
        '200': jsonResponse('The survivor and what moved.', schemaRef('CustomerMergeResult')),
        '400': problemResponse('from missing or the same customer; malformed JSON.'),
        '403': problemResponse('Missing customer:merge, :update or :delete.'),
        '404': problemResponse('Either customer does not exist or is hidden.'),
        '415': problemResponse('The body is not JSON.'),
      },
    },
  },
  '/{id}/merge-preview': {
    post: {
      operationId: 'customersMergePreview',
      summary:
        'What merging another customer into this one would do — or the refusal it would meet; writes nothing (needs customer:merge)',
      parameters: [{ ...idParam, description: 'The surviving customer.' }],
      requestBody: jsonRequestBody(schemaRef('CustomerMergeRequest')),
      responses: {
        '200': jsonResponse(
          'The survivor as it would be and what would move.',
          schemaRef('CustomerMergePreview'),
        ),
        '400': problemResponse('from missing or the same customer; malformed JSON.'),
        '403': problemResponse('Missing customer:merge, :update or :delete.'),
        '404': problemResponse('Either customer does not exist or is hidden.'),
        '409': problemResponse('A plugin refuses the merge (details say why).'),
        '415': problemResponse('The body is not JSON.'),
      },
    },
  },
  '/recompute': {
    post: {
      operationId: 'customersRecompute',
      summary: 'Recompute value, ABC classes, RFM scores and lifecycle stages now (needs customer:recompute)',
      responses: {
        '200': jsonResponse('The run summary (a run in progress is joined).', schemaRef('RecomputeSummary')),
        '403': problemResponse('Missing customer:recompute.'),
      },
    },
  },
  '/{id}/future-value': {
    get: {
      operationId: 'customersFutureValueOf',
      summary: "One customer's prediction with its sentence (the console's Future value panel)",
      parameters: [idParam],
      responses: {
        '200': jsonResponse('The prediction, or a summary saying there is none yet.', {
          type: 'object',
          maxProperties: 20,
          properties: { summary: text(500) },
          required: ['summary'],
        }),
        '404': problemResponse('The customer does not exist or is hidden.'),
      },
    },
  },
  '/future-value': {
    get: {
      operationId: 'customersFutureValue',
      summary:
        'Customer equity, expected active customers and the at-risk valuable customers, as the caller may see them',
      parameters: [limit('At-risk customers to list, 1–100.', 100)],
      responses: {
        '200': jsonResponse('The report.', schemaRef('FutureValueReport')),
        '400': badQuery,
      },
    },
  },
  '/future-value/holdout': {
    get: {
      operationId: 'customersFutureValueHoldout',
      summary:
        'Holdout validation of the future-value model on this deployment: fit up to calibrationEnd, predict the next weeks, compare with what happened',
      parameters: [
        {
          name: 'calibrationEnd',
          in: 'query',
          description: 'End of the calibration window (ISO date or time); default: `weeks` before now.',
          schema: { type: 'string', maxLength: 40 },
        },
        {
          name: 'weeks',
          in: 'query',
          description: 'Holdout window in weeks, 1–520 (default 26); it must end by now.',
          schema: { type: 'integer', minimum: 1, maximum: 520, default: 26 },
        },
      ],
      responses: {
        '200': jsonResponse(
          'The holdout report, or the reason no model could be fitted.',
          schemaRef('HoldoutValidation'),
        ),
        '400': problemResponse('A bad calibrationEnd or weeks, or a holdout window that ends after now.'),
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
          schema: { type: 'boolean', default: false },
          description: 'Check every row, store nothing.',
        },
      ],
      requestBody: {
        required: true,
        description: 'Rows that break a rule are reported in `rejected`; the others are imported.',
        content: {
          'text/csv': {
            schema: {
              type: 'string',
              maxLength: MAX_IMPORT_TEXT,
              description:
                "A header of customer field paths (name, kind, phone, objective.industry, tags), then one customer per row; lists split on ; or |. At most the server's body limit (1 MiB by default).",
            },
          },
          'application/json': {
            schema: {
              oneOf: [
                list(schemaRef('CustomerInput'), MAX_IMPORT_ROWS),
                {
                  type: 'object',
                  properties: { customers: list(schemaRef('CustomerInput'), MAX_IMPORT_ROWS) },
                  required: ['customers'],
                  additionalProperties: false,
                },
              ],
            },
          },
        },
      },
      responses: {
        '200': jsonResponse('Nothing created (a dry run, or every row refused).', schemaRef('ImportReport')),
        '201': jsonResponse('At least one customer was created.', schemaRef('ImportReport')),
        '400': problemResponse('Malformed body or unknown column; too many rows.'),
        '403': problemResponse('Missing customer:import or customer:create.'),
        '415': problemResponse('Neither text/csv nor application/json.'),
      },
    },
  },
  '/lookup': {
    get: {
      operationId: 'customersLookup',
      summary: 'Find the customer behind a phone number or e-mail in any format',
      parameters: [
        {
          name: 'phone',
          in: 'query',
          schema: phone,
          description: 'Any format: 0151 2345678, +49 151 2345678.',
        },
        { name: 'email', in: 'query', schema: email, description: 'Any case.' },
      ],
      responses: {
        '200': jsonResponse('The matching customers the caller may see.', schemaRef('CustomerMatches')),
        '400': problemResponse('Neither given, or the phone is not a phone number.'),
        '403': problemResponse('Missing customer:read.'),
      },
    },
  },
  '/segments': {
    get: {
      operationId: 'customersSegments',
      summary: 'Segments with their live member counts (as the caller sees them)',
      parameters: [limit('Page size.'), cursor, sort, fields],
      responses: {
        '200': jsonResponse('A page of segments.', schemaRef('CountedSegmentPage')),
        '400': badQuery,
        '403': problemResponse('Missing segment:read or customer:read.'),
      },
    },
  },
  '/segments/{id}': {
    get: {
      operationId: 'customersSegment',
      summary: 'One segment with its live member count',
      parameters: [segmentIdParam],
      responses: {
        '200': jsonResponse('The segment and its count.', schemaRef('CountedSegment')),
        '403': problemResponse('Missing segment:read or customer:read.'),
        '404': problemResponse('No such segment.'),
      },
    },
  },
  '/segments/{id}/members': {
    get: {
      operationId: 'customersSegmentMembers',
      summary: "A page of a segment's customers",
      parameters: [segmentIdParam, limit('Page size.'), cursor, sort, fields],
      responses: {
        '200': jsonResponse('A page of customers.', schemaRef('CustomerPage')),
        '400': badQuery,
        '403': problemResponse('Missing segment:read or customer:read.'),
        '404': problemResponse('No such segment.'),
      },
    },
  },
};
