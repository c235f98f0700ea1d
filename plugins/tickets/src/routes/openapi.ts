import { count, dateTime, jsonResponse, key, problemResponse, ref, text } from '@rapport/core';
import { MAX_QUEUE } from '../queue/agent-queue.js';
import { TARGET_STATUSES } from '../sla/sla-target.js';
import { STATS_DIMENSIONS, STATS_FIGURES } from '../stats/ticket-stats.js';
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../vocabulary.js';

const TARGET = { type: 'string', enum: [...TARGET_STATUSES] };

const GROUPS = {
  type: 'array',
  items: {
    type: 'object',
    properties: { value: { type: ['string', 'null'], maxLength: 200 }, count },
    required: ['value', 'count'],
    additionalProperties: false,
  },
};

/** A breakdown: the total and a list of groups per field, most tickets first. */
function breakdown(fields: readonly string[]) {
  return {
    type: 'object',
    properties: { total: count, ...Object.fromEntries(fields.map((field) => [field, GROUPS])) },
    required: ['total', ...fields],
    additionalProperties: false,
  };
}

const FIGURE_DESCRIPTIONS: Record<keyof typeof STATS_FIGURES, string> = {
  firstResponseMinutes:
    'Average business minutes to the first response, tickets first answered in the period.',
  resolutionMinutes: 'Average business minutes to resolution, tickets resolved in the period.',
  slaMet: 'Share (0–1) of the SLA targets met, tickets resolved in the period.',
  csat: 'Share (0–1) of the ratings given in the period scoring 4 or 5.',
  averageRating: 'Average 1–5 score of the ratings given in the period.',
  complaintRate: 'Complaints opened in the period per 100 active customers.',
  reopenRate: 'Share (0–1) of the tickets resolved in the period that had been reopened.',
};

const PERIOD_PARAMETERS = [
  {
    name: 'period',
    in: 'query',
    description: 'A whole calendar unit (with `at`, default now); or give `from` and `to`.',
    schema: { type: 'string', enum: ['day', 'week', 'month', 'quarter', 'year'] },
  },
  {
    name: 'at',
    in: 'query',
    description: 'A date or time in the unit of `period`.',
    schema: { type: 'string', maxLength: 40 },
  },
  {
    name: 'from',
    in: 'query',
    description: 'Start (inclusive): a date, an ISO 8601 time or epoch ms; default 30 days before `to`.',
    schema: { type: 'string', maxLength: 40 },
  },
  {
    name: 'to',
    in: 'query',
    description: 'End (exclusive); default now.',
    schema: { type: 'string', maxLength: 40 },
  },
];

/** OpenAPI 3.1 path items of the plugin's routes, relative to `/api/tickets`. */
export const TICKETS_ROUTES_OPENAPI: Record<string, unknown> = {
  '/queue': {
    get: {
      operationId: 'ticketsQueue',
      summary:
        "The caller's queue: worked tickets ordered by SLA urgency (nearest due first), with each target's state",
      parameters: [
        {
          name: 'limit',
          in: 'query',
          description: 'How many tickets (1–200, default 50).',
          schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
        },
      ],
      responses: {
        '200': jsonResponse('The queue.', {
          type: 'object',
          properties: {
            items: {
              type: 'array',
              maxItems: MAX_QUEUE,
              items: {
                type: 'object',
                properties: {
                  id: ref,
                  reference: text(40),
                  subject: text(300),
                  type: { type: 'string', enum: [...TICKET_TYPES] },
                  priority: { type: 'string', enum: [...TICKET_PRIORITIES] },
                  status: { type: 'string', enum: [...TICKET_STATUSES] },
                  team: key,
                  assigneeId: ref,
                  nearestDueAt: dateTime,
                  targets: {
                    type: 'object',
                    properties: { firstResponse: TARGET, resolution: TARGET, nextResponse: TARGET },
                    additionalProperties: false,
                  },
                },
                required: ['id', 'subject', 'type', 'priority', 'status', 'targets'],
                additionalProperties: false,
              },
            },
          },
          required: ['items'],
          additionalProperties: false,
        }),
        '400': problemResponse('A limit outside 1–200.'),
        '403': problemResponse('Missing ticket:read.'),
      },
    },
  },
  '/{id}/progress-link': {
    post: {
      operationId: 'ticketsProgressLink',
      summary:
        "Issues a link to the ticket's public progress page for its customer (reusable until it expires; the token is shown once)",
      parameters: [{ name: 'id', in: 'path', required: true, schema: ref }],
      responses: {
        '201': jsonResponse('The link.', {
          type: 'object',
          properties: {
            token: text(200),
            path: text(300),
            url: text(1_000),
            expiresAt: dateTime,
          },
          required: ['token', 'path', 'expiresAt'],
          additionalProperties: false,
        }),
        '403': problemResponse('Missing ticket:update.'),
        '404': problemResponse('No such ticket, or not one the caller sees.'),
      },
    },
  },
  '/stats': {
    get: {
      operationId: 'ticketsStats',
      summary:
        "The backlog by status, priority, team, type and channel, and the period's tickets opened and resolved, first-response and resolution times, SLA met, CSAT, complaint and reopen rates, as the caller",
      parameters: PERIOD_PARAMETERS,
      responses: {
        '200': jsonResponse('The figures (a figure is null when the period has nothing to measure).', {
          type: 'object',
          properties: {
            from: dateTime,
            to: dateTime,
            backlog: breakdown(STATS_DIMENSIONS),
            created: breakdown(STATS_DIMENSIONS.filter((field) => field !== 'status')),
            resolved: count,
            ...Object.fromEntries(
              Object.entries(FIGURE_DESCRIPTIONS).map(([name, description]) => [
                name,
                { type: ['number', 'null'], description },
              ]),
            ),
          },
          required: ['from', 'to', 'backlog', 'created', 'resolved', ...Object.keys(STATS_FIGURES)],
          additionalProperties: false,
        }),
        '400': problemResponse('A bad period (field and rule named) or an unknown parameter.'),
        '403': problemResponse('Missing ticket:read or metric:read.'),
      },
    },
  },
};
