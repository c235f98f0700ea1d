import {
  count,
  dateTime,
  jsonRequestBody,
  jsonResponse,
  problemResponse,
  ref,
  schemaRef,
  text,
} from '@rapport/core';
import { FROM_TEMPLATE_SCHEMA } from '../templates/from-template.js';

const ID = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The scorecard id.',
  schema: { type: 'string', maxLength: 200 },
};
const PERIOD = {
  name: 'period',
  in: 'query',
  description:
    "A period of the scorecard's kind: `2026-03`, `2026-Q1` or `2026`. Default: the current one, in the scorecard's time zone.",
  schema: { type: 'string', maxLength: 7, pattern: '^\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$' },
};

const CLOSE_ANSWER = {
  type: 'object',
  properties: {
    scorecardId: ref,
    period: text(7),
    closedAt: dateTime,
    score: { type: ['number', 'null'], minimum: 0, maximum: 1 },
    closedNow: { type: 'boolean' },
  },
  required: ['scorecardId', 'period', 'closedAt', 'score', 'closedNow'],
  additionalProperties: false,
};

/** OpenAPI 3.1 path items of the plugin's routes, relative to `/api/bsc`. */
export const BSC_ROUTES_OPENAPI: Record<string, unknown> = {
  '/scorecards/{id}/evaluation': {
    get: {
      operationId: 'bscEvaluation',
      summary:
        "A scorecard's evaluation for one period: each KPI's actual (live from its metric as the caller, its manual reading, or the snapshot of a closed period), target, status, score and trend; each objective's, perspective's and the overall weighted score",
      parameters: [
        ID,
        PERIOD,
        {
          name: 'history',
          in: 'query',
          description:
            'How many previous periods the trend compares against (0–12; default the plugin option, 3).',
          schema: { type: 'integer', minimum: 0, maximum: 12 },
        },
      ],
      responses: {
        '200': jsonResponse('The evaluation.', schemaRef('BscEvaluation')),
        '400': problemResponse('A period that is not one of the scorecard, or a bad history.'),
        '403': problemResponse('Missing scorecard:read (or bscObjective:read, bscKpi:read).'),
        '404': problemResponse('No such scorecard.'),
      },
    },
  },
  '/scorecards/{id}/close': {
    post: {
      operationId: 'bscClosePeriod',
      summary:
        "Closes an ended period of the scorecard: freezes its evaluation and a snapshot of every KPI, so it never changes afterwards. Closing a closed period again changes nothing (200). The calendar job does it at each period's end in the scorecard's zone",
      parameters: [
        ID,
        { ...PERIOD, required: true, description: "The period to close, of the scorecard's kind." },
      ],
      responses: {
        '201': jsonResponse('Closed now.', CLOSE_ANSWER),
        '200': jsonResponse('It was closed already; the existing close.', CLOSE_ANSWER),
        '400': problemResponse('A missing period, or one that is not of the scorecard.'),
        '403': problemResponse('Missing scorecard:update.'),
        '404': problemResponse('No such scorecard.'),
        '409': problemResponse('The period has not ended yet.'),
      },
    },
  },
  '/scorecards/from-template': {
    post: {
      operationId: 'bscFromTemplate',
      summary:
        'Lays out a scorecard from the template of a value proposition: objectives in all four perspectives (one per CRM process that must lead), causal links from learning and growth to financial, KPIs bound to first-party metrics (those of plugins not installed read "no data") and manual learning-and-growth KPIs',
      requestBody: jsonRequestBody(FROM_TEMPLATE_SCHEMA),
      responses: {
        '201': jsonResponse('The scorecard laid out, and how much the template made.', {
          type: 'object',
          properties: {
            scorecard: schemaRef('Scorecard'),
            objectives: count,
            kpis: count,
            links: count,
          },
          required: ['scorecard', 'objectives', 'kpis', 'links'],
          additionalProperties: false,
        }),
        '400': problemResponse('A body that does not fit (naming the field), or an unknown time zone.'),
        '403': problemResponse('Missing create on scorecard, bscObjective, bscKpi or bscLink.'),
      },
    },
  },
  '/scorecards/{id}/map': {
    get: {
      operationId: 'bscStrategyMap',
      summary:
        'The strategy map as a layout: four perspective bands (the internal-process band split by CRM process), objectives as nodes with status and score, causal arrows as polylines that cross no node. Deterministic',
      parameters: [ID, PERIOD],
      responses: {
        '200': jsonResponse('The layout.', schemaRef('BscStrategyMap')),
        '400': problemResponse('A period that is not one of the scorecard.'),
        '403': problemResponse('Missing scorecard:read.'),
        '404': problemResponse('No such scorecard.'),
      },
    },
  },
  '/scorecards/{id}/map.svg': {
    get: {
      operationId: 'bscStrategyMapSvg',
      summary: 'The strategy map as a printable SVG document (the same layout)',
      parameters: [ID, PERIOD],
      responses: {
        '200': {
          description: 'The SVG document.',
          content: { 'image/svg+xml': { schema: { type: 'string', maxLength: 5_000_000 } } },
        },
        '400': problemResponse('A period that is not one of the scorecard.'),
        '403': problemResponse('Missing scorecard:read.'),
        '404': problemResponse('No such scorecard.'),
      },
    },
  },
};
