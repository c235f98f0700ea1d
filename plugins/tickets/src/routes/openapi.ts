import { jsonResponse, problemResponse } from '@rapport/core';

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
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string' },
                  reference: { type: 'string' },
                  subject: { type: 'string' },
                  type: { type: 'string' },
                  priority: { type: 'string' },
                  status: { type: 'string' },
                  team: { type: 'string' },
                  assigneeId: { type: 'string' },
                  nearestDueAt: { type: 'string', format: 'date-time' },
                  targets: { type: 'object', additionalProperties: { type: 'string' } },
                },
                required: ['id', 'subject', 'type', 'priority', 'status', 'targets'],
              },
            },
          },
          required: ['items'],
        }),
        '400': problemResponse('A limit outside 1–200.'),
        '403': problemResponse('Missing ticket:read.'),
      },
    },
  },
};
