import { dateTime, jsonResponse, key, problemResponse, ref, text } from '@rapport/core';
import { MAX_QUEUE } from '../queue/agent-queue.js';
import { TARGET_STATUSES } from '../sla/sla-target.js';
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../vocabulary.js';

const TARGET = { type: 'string', enum: [...TARGET_STATUSES] };

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
};
