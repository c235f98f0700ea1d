import {
  count,
  dateTime,
  type JsonSchema,
  jsonResponse,
  list,
  MAX_ACTOR_ID_LENGTH,
  MAX_AUDITED_FIELDS,
  MAX_DATE_TIME_LENGTH,
  pageSchema,
  problemResponse,
  ref,
  schemaRef,
  text,
} from '@rapport/core';
import { ERRORS, FIND_PARAMETERS, type Json } from './openapi-parts.js';

const TIME = dateTime;
/** Any finite number: JSON has no other (a metric's value, a parameter). */
const FINITE = { minimum: -Number.MAX_VALUE, maximum: Number.MAX_VALUE };
/** The most metrics a document lists, and parameters one metric takes. */
const MAX_METRICS = 10_000;
const MAX_METRIC_PARAMETERS = 100;
/** A metric parameter's value as given in the query string, typed by the metric. */
const PARAMETER_VALUE = { type: ['string', 'number', 'boolean'], maxLength: 2_000, ...FINITE };

/** The schemas of the system routes: health, metrics and audit. */
export const SYSTEM_SCHEMAS: Record<string, JsonSchema> = {
  Health: {
    type: 'object',
    properties: { status: { const: 'ok' } },
    required: ['status'],
    additionalProperties: false,
  },
  Readiness: {
    type: 'object',
    properties: {
      status: { const: 'ready' },
      store: { ...text(100), description: 'The store that answered (`memory`, `lowdb`, `postgres`).' },
      heap: {
        type: 'object',
        description: "How full the server's V8 heap is; `warning` is set from 80% of its limit.",
        properties: {
          usedBytes: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
          limitBytes: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
          ratio: { type: 'number', minimum: 0, maximum: 1_000 },
          warning: {
            ...text(1_000),
            description:
              'What is wrong and what to do: with the embedded lowdb store, move to PostgreSQL with `rapport migrate`.',
          },
        },
        required: ['usedBytes', 'limitBytes', 'ratio'],
        additionalProperties: false,
      },
    },
    required: ['status', 'store', 'heap'],
    additionalProperties: false,
  },
  Metric: {
    type: 'object',
    description: 'A metric a plugin publishes.',
    properties: {
      id: { ...text(200), description: '`<plugin>.<name>`, e.g. `sales.winRate`.' },
      unit: {
        ...text(50),
        description: '`count`, `ratio`, `percent`, `days`, or a currency code (minor units).',
      },
      better: { type: 'string', enum: ['higher', 'lower'], description: 'Which direction is good.' },
      description: text(2_000, { minLength: 0 }),
      plugin: { ...text(100), description: 'The plugin that publishes it.' },
      access: {
        description:
          "`caller`: computed through the caller's permissions and record rules; `{ permission }`: computed over the whole deployment, readable with that permission.",
        oneOf: [
          { type: 'string', enum: ['caller'] },
          {
            type: 'object',
            properties: {
              permission: {
                type: 'string',
                maxLength: 200,
                pattern: '^[a-zA-Z*][a-zA-Z0-9]*:[a-zA-Z*][a-zA-Z0-9]*$',
              },
            },
            required: ['permission'],
            additionalProperties: false,
          },
        ],
      },
      parameters: {
        type: 'object',
        description:
          'The query parameters that narrow the metric: a JSON Schema of each (string, integer, number or boolean).',
        properties: {
          properties: {
            type: 'object',
            additionalProperties: { type: 'object', additionalProperties: true, maxProperties: 100 },
            maxProperties: MAX_METRIC_PARAMETERS,
          },
          required: list(text(200), MAX_METRIC_PARAMETERS),
        },
        required: ['properties'],
        additionalProperties: false,
      },
    },
    required: ['id', 'unit', 'better', 'plugin', 'access', 'parameters'],
    additionalProperties: false,
  },
  ConsoleEntity: {
    type: 'object',
    description: 'An entity the caller may read, as the console builds its pages from it.',
    properties: {
      name: text(64),
      plural: text(64),
      path: { ...text(64), description: 'The REST path segment: /api/<path>.' },
      description: text(2_000),
      schema: {
        type: 'object',
        description: 'The stored record schema (JSON Schema 2020-12), writeOnly fields left out.',
        additionalProperties: true,
        maxProperties: 100,
      },
      readOnly: { ...list(text(64), 200), description: 'Top-level fields only plugins write.' },
      locked: {
        ...list(text(200), 200),
        description:
          "Fields (dotted paths) the caller's roles keep it from changing though others may: forms show them disabled.",
      },
      search: list(text(200), 50),
      indexed: {
        ...list(text(200), 200),
        description: 'Fields whose filters and sorts a store index serves.',
      },
      can: {
        type: 'object',
        properties: { create: { type: 'boolean' }, update: { type: 'boolean' }, delete: { type: 'boolean' } },
        required: ['create', 'update', 'delete'],
        additionalProperties: false,
      },
    },
    required: ['name', 'plural', 'path', 'schema', 'readOnly', 'locked', 'search', 'indexed', 'can'],
    additionalProperties: false,
  },
  ConsoleView: {
    type: 'object',
    description:
      'A view a plugin declared (list, form, kanban, chart, tile, panel, dashboard, custom, action); its members depend on its kind (see docs/plugin-authoring.md).',
    properties: {
      id: text(120),
      kind: {
        type: 'string',
        enum: ['list', 'form', 'kanban', 'chart', 'tile', 'panel', 'dashboard', 'custom', 'action'],
      },
      title: {
        description: 'A string, or one per locale.',
        oneOf: [text(200), { type: 'object', additionalProperties: text(200), maxProperties: 20 }],
      },
    },
    required: ['id', 'kind', 'title'],
    additionalProperties: true,
    maxProperties: 30,
  },
  ConsoleMenuEntry: {
    type: 'object',
    properties: {
      id: text(120),
      title: { oneOf: [text(200), { type: 'object', additionalProperties: text(200), maxProperties: 20 }] },
      group: { oneOf: [text(200), { type: 'object', additionalProperties: text(200), maxProperties: 20 }] },
      target: {
        oneOf: [
          {
            type: 'object',
            properties: { view: text(120) },
            required: ['view'],
            additionalProperties: false,
          },
          {
            type: 'object',
            properties: { entity: text(64) },
            required: ['entity'],
            additionalProperties: false,
          },
        ],
      },
      order: { type: 'integer', minimum: -1_000_000, maximum: 1_000_000 },
    },
    required: ['id', 'title', 'target'],
    additionalProperties: false,
  },
  ConsoleModel: {
    type: 'object',
    description: 'What the console builds its pages from, for the caller.',
    properties: {
      entities: list(schemaRef('ConsoleEntity'), 1_000),
      views: list(schemaRef('ConsoleView'), 10_000),
      menu: list(schemaRef('ConsoleMenuEntry'), 1_000),
      metrics: list(schemaRef('Metric'), MAX_METRICS),
    },
    required: ['entities', 'views', 'menu', 'metrics'],
    additionalProperties: false,
  },
  MetricList: {
    type: 'object',
    properties: { items: list(schemaRef('Metric'), MAX_METRICS) },
    required: ['items'],
    additionalProperties: false,
  },
  MetricValue: {
    type: 'object',
    description: 'A metric computed over [from, to).',
    properties: {
      id: text(200),
      unit: text(50),
      value: {
        type: ['number', 'null'],
        ...FINITE,
        description: 'Any finite number; null when the period has nothing to measure.',
      },
      from: { ...TIME, description: 'Start, inclusive.' },
      to: { ...TIME, description: 'End, exclusive.' },
      params: {
        type: 'object',
        description: 'The parameters it was computed with.',
        additionalProperties: PARAMETER_VALUE,
        maxProperties: MAX_METRIC_PARAMETERS,
      },
    },
    required: ['id', 'unit', 'value', 'from', 'to', 'params'],
    additionalProperties: false,
  },
  AuditRecord: {
    type: 'object',
    description: 'Who did what to which record, when, and which fields changed.',
    properties: {
      id: ref,
      createdAt: TIME,
      updatedAt: TIME,
      version: { ...count, minimum: 1 },
      at: TIME,
      actorId: {
        ...text(MAX_ACTOR_ID_LENGTH),
        description: 'The user (attributes.userId), `key:<keyId>`, or `system`.',
      },
      actorKind: { ...text(50), description: '`apiKey`, `user` or `system`.' },
      entity: text(100),
      recordId: ref,
      action: { ...text(100), description: '`create`, `update`, `delete`, or an action a plugin names.' },
      changes: {
        type: 'object',
        description: 'Each changed top-level field with its old and new value (null when absent).',
        additionalProperties: {
          type: 'object',
          properties: { from: {}, to: {} },
          required: ['from', 'to'],
          additionalProperties: false,
        },
        maxProperties: MAX_AUDITED_FIELDS,
      },
      fields: { ...list(text(200), MAX_AUDITED_FIELDS), description: 'The changed field names.' },
    },
    required: [
      'id',
      'createdAt',
      'updatedAt',
      'version',
      'at',
      'actorId',
      'actorKind',
      'entity',
      'recordId',
      'action',
      'changes',
      'fields',
    ],
    additionalProperties: false,
  },
  AuditPage: pageSchema(schemaRef('AuditRecord'), 'A page of audit records.'),
};

const period = (name: string, description: string) => ({
  name,
  in: 'query',
  description,
  schema: text(MAX_DATE_TIME_LENGTH),
});

/** The path items of health, readiness, metrics and audit. */
export function systemPaths(): Json {
  const open = { security: [] };
  return {
    '/healthz': {
      get: {
        operationId: 'health',
        tags: ['system'],
        summary: 'The process answers',
        ...open,
        responses: { '200': jsonResponse('The process answers.', schemaRef('Health')) },
      },
    },
    '/readyz': {
      get: {
        operationId: 'ready',
        tags: ['system'],
        summary: 'The kernel runs and the store answers',
        ...open,
        responses: {
          '200': jsonResponse('The store answers.', schemaRef('Readiness')),
          '503': problemResponse('Not ready: the kernel is not running or the store does not answer.'),
        },
      },
    },
    '/api/console/model': {
      get: {
        operationId: 'consoleModel',
        tags: ['console'],
        summary: 'The entities, views, menu and metrics the caller may use (any authenticated caller)',
        responses: {
          '200': jsonResponse('The console model for the caller.', schemaRef('ConsoleModel')),
          ...ERRORS,
        },
      },
    },
    '/api/metrics': {
      get: {
        operationId: 'listMetrics',
        tags: ['metrics'],
        summary: 'The metrics the plugins publish (needs metric:read)',
        responses: { '200': jsonResponse('Every metric.', schemaRef('MetricList')), ...ERRORS },
      },
    },
    '/api/metrics/{id}': {
      get: {
        operationId: 'computeMetric',
        tags: ['metrics'],
        summary: 'One metric over a period (needs metric:read)',
        parameters: [
          { name: 'id', in: 'path', required: true, description: 'Metric id.', schema: text(200) },
          period(
            'from',
            'YYYY-MM-DD (local midnight in the deployment time zone), an ISO 8601 time or epoch ms (default: 30 days before to).',
          ),
          period('to', 'Like from; exclusive (default: now).'),
          {
            name: 'period',
            in: 'query',
            description:
              'A whole calendar unit of the deployment time zone instead of from/to: the one holding `at`.',
            schema: { type: 'string', enum: ['day', 'week', 'month', 'quarter', 'year'] },
          },
          period('at', 'With period: an instant inside the wanted period (default: now).'),
          {
            name: 'params',
            in: 'query',
            style: 'form',
            explode: true,
            description:
              "The metric's own parameters (`ownerId=…&pipeline=…`), as listed in its `parameters`; unknown ones are a 400.",
            schema: {
              type: 'object',
              additionalProperties: text(2_000, { minLength: 0 }),
              maxProperties: MAX_METRIC_PARAMETERS,
            },
          },
        ],
        responses: {
          '200': jsonResponse('The value over the period.', schemaRef('MetricValue')),
          ...ERRORS,
          '404': problemResponse('No such metric.'),
        },
      },
    },
    '/api/audit': {
      get: {
        operationId: 'listAudit',
        tags: ['audit'],
        summary: 'Audit records (needs audit:read)',
        parameters: FIND_PARAMETERS,
        responses: { '200': jsonResponse('A page of audit records.', schemaRef('AuditPage')), ...ERRORS },
      },
    },
  };
}
