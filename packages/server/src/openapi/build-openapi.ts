import type { CompiledEntity, JsonSchema, Kernel } from '@rapport/core';

/** Options of {@link buildOpenApi}. */
export interface OpenApiOptions {
  title: string;
  version: string;
  description?: string;
}

type Json = Record<string, unknown>;

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const json = (schema: Json, description: string, headers?: Json) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema } },
});

const ERRORS = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '401': { $ref: '#/components/responses/Unauthorized' },
  '403': { $ref: '#/components/responses/Forbidden' },
};
const ETAG_HEADER = {
  ETag: { description: 'The record version, for If-Match / If-None-Match.', schema: { type: 'string' } },
};

const FIND_PARAMETERS = [
  {
    name: 'where',
    in: 'query',
    style: 'deepObject',
    explode: true,
    description:
      'Filter: where[field]=value, where[field][op]=value (ops: eq ne gt gte lt lte in nin contains startsWith exists), where[or][0][field]=value; or where=<JSON>.',
    schema: { type: 'object' },
  },
  {
    name: 'sort',
    in: 'query',
    description: 'Comma-separated fields, - for descending: -createdAt,name',
    schema: { type: 'string' },
  },
  {
    name: 'limit',
    in: 'query',
    description: 'Page size (default 50, clamped to the maximum).',
    schema: { type: 'integer', minimum: 1 },
  },
  {
    name: 'cursor',
    in: 'query',
    description: 'nextCursor of the previous page.',
    schema: { type: 'string' },
  },
  {
    name: 'fields',
    in: 'query',
    description: 'Comma-separated fields to return (id always).',
    schema: { type: 'string' },
  },
];

function withoutRequired(schema: JsonSchema): JsonSchema {
  const { required: _required, ...rest } = schema;
  return rest;
}

function entityComponents(entity: CompiledEntity): Record<string, JsonSchema> {
  const name = pascal(entity.name);
  return {
    [name]: { ...entity.schema, ...(entity.description ? { description: entity.description } : {}) },
    [`${name}Input`]: entity.inputSchema,
    [`${name}Patch`]: {
      ...withoutRequired(entity.inputSchema),
      description: 'JSON Merge Patch: null removes a field.',
    },
    [`${name}Page`]: {
      type: 'object',
      properties: { items: { type: 'array', items: ref(name) }, nextCursor: { type: 'string' } },
      required: ['items'],
    },
  };
}

function entityPaths(entity: CompiledEntity): Json {
  const name = pascal(entity.name);
  const plural = pascal(entity.plural);
  const tags = [entity.name];
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  return {
    [`/api/${entity.path}`]: {
      get: {
        operationId: `list${plural}`,
        tags,
        summary: `List ${entity.plural}`,
        parameters: FIND_PARAMETERS,
        responses: { '200': json(ref(`${name}Page`), `A page of ${entity.plural}.`), ...ERRORS },
      },
      post: {
        operationId: `create${name}`,
        tags,
        summary: `Create a ${entity.name}`,
        requestBody: { required: true, content: { 'application/json': { schema: ref(`${name}Input`) } } },
        responses: {
          '201': json(ref(name), 'Created.', {
            ...ETAG_HEADER,
            Location: { description: 'URL of the new record.', schema: { type: 'string' } },
          }),
          ...ERRORS,
          '409': problem('A unique value is taken.'),
          '413': problem('The body is too large.'),
        },
      },
    },
    [`/api/${entity.path}/aggregate`]: {
      get: {
        operationId: `aggregate${plural}`,
        tags,
        summary: `Count, sum, average, min and max over ${entity.plural}`,
        parameters: [
          FIND_PARAMETERS[0],
          {
            name: 'groupBy',
            in: 'query',
            description: 'Comma-separated fields.',
            schema: { type: 'string' },
          },
          {
            name: 'measures',
            in: 'query',
            required: true,
            style: 'deepObject',
            explode: true,
            description: 'measures[name]=count | sum:<field> | avg:<field> | min:<field> | max:<field>',
            schema: { type: 'object', additionalProperties: { type: 'string' } },
          },
        ],
        responses: { '200': json(ref('AggregateResult'), 'One row per group.'), ...ERRORS },
      },
    },
    [`/api/${entity.path}/{id}`]: {
      parameters: [idParam],
      get: {
        operationId: `get${name}`,
        tags,
        summary: `Read a ${entity.name}`,
        parameters: [{ name: 'If-None-Match', in: 'header', schema: { type: 'string' } }],
        responses: {
          '200': json(ref(name), 'The record.', ETAG_HEADER),
          '304': { description: 'Not modified since the given ETag.' },
          ...ERRORS,
          '404': problem('No such record (or hidden by a record rule).'),
        },
      },
      patch: {
        operationId: `update${name}`,
        tags,
        summary: `Change a ${entity.name} (JSON Merge Patch)`,
        parameters: [
          {
            name: 'If-Match',
            in: 'header',
            description: 'ETag of the version being changed.',
            schema: { type: 'string' },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/merge-patch+json': { schema: ref(`${name}Patch`) },
            'application/json': { schema: ref(`${name}Patch`) },
          },
        },
        responses: {
          '200': json(ref(name), 'The changed record.', ETAG_HEADER),
          ...ERRORS,
          '404': problem('No such record.'),
          '409': problem('A unique value is taken, or the record changed meanwhile.'),
          '412': problem('If-Match does not match the current version.'),
        },
      },
      delete: {
        operationId: `delete${name}`,
        tags,
        summary: `Delete a ${entity.name}`,
        parameters: [{ name: 'If-Match', in: 'header', schema: { type: 'string' } }],
        responses: {
          '204': { description: 'Deleted.' },
          ...ERRORS,
          '404': problem('No such record.'),
          '412': problem('If-Match does not match the current version.'),
        },
      },
    },
  };
}

function systemPaths(): Json {
  const open = { security: [] };
  return {
    '/healthz': {
      get: {
        operationId: 'health',
        tags: ['system'],
        ...open,
        responses: { '200': { description: 'The process answers.' } },
      },
    },
    '/readyz': {
      get: {
        operationId: 'ready',
        tags: ['system'],
        ...open,
        responses: { '200': { description: 'The store answers.' }, '503': problem('Not ready.') },
      },
    },
    '/api/metrics': {
      get: {
        operationId: 'listMetrics',
        tags: ['metrics'],
        responses: {
          '200': json(
            { type: 'object', properties: { items: { type: 'array', items: { type: 'object' } } } },
            'Metrics.',
          ),
          ...ERRORS,
        },
      },
    },
    '/api/metrics/{id}': {
      get: {
        operationId: 'computeMetric',
        tags: ['metrics'],
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          {
            name: 'from',
            in: 'query',
            description: 'ISO 8601 or epoch ms (default: 30 days before to).',
            schema: { type: 'string' },
          },
          {
            name: 'to',
            in: 'query',
            description: 'ISO 8601 or epoch ms (default: now).',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': json(ref('MetricValue'), 'The value over the period.'),
          ...ERRORS,
          '404': problem('No such metric.'),
        },
      },
    },
    '/api/audit': {
      get: {
        operationId: 'listAudit',
        tags: ['audit'],
        summary: 'Audit records (needs audit:read)',
        parameters: FIND_PARAMETERS,
        responses: { '200': json({ type: 'object' }, 'A page of audit records.'), ...ERRORS },
      },
    },
  };
}

function pluginPaths(kernel: Kernel): Json {
  const paths: Json = {};
  for (const mount of kernel.routes) {
    for (const [path, item] of Object.entries(mount.openapi ?? {})) {
      paths[`/api/${mount.path}${path === '/' ? '' : path}`] = item;
    }
  }
  return paths;
}

/**
 * The OpenAPI 3.1 document of a kernel's API: every exposed entity's routes with request and
 * response schemas taken from the entity schemas (extensions included), the system routes, and
 * the path items plugins documented when mounting routes.
 */
export function buildOpenApi(kernel: Kernel, options: OpenApiOptions): Json {
  const entities = [...kernel.entities.values()].filter((entity) => entity.exposed);
  const schemas: Record<string, JsonSchema> = {
    Problem: {
      type: 'object',
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        code: { type: 'string' },
        instance: { type: 'string' },
        requestId: { type: 'string' },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            properties: { path: { type: 'string' }, message: { type: 'string' }, rule: { type: 'string' } },
          },
        },
      },
      required: ['type', 'title', 'status', 'detail', 'code'],
    },
    AggregateResult: {
      type: 'object',
      properties: { rows: { type: 'array', items: { type: 'object' } } },
      required: ['rows'],
    },
    MetricValue: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        unit: { type: 'string' },
        value: { type: ['number', 'null'] },
        from: { type: 'string' },
        to: { type: 'string' },
      },
    },
  };
  let paths: Json = {};
  for (const entity of entities) {
    Object.assign(schemas, entityComponents(entity));
    paths = { ...paths, ...entityPaths(entity) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: options.title,
      version: options.version,
      ...(options.description ? { description: options.description } : {}),
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ apiKey: [] }],
    tags: [
      ...entities.map((e) => ({ name: e.name, ...(e.description ? { description: e.description } : {}) })),
      { name: 'system' },
    ],
    paths: { ...systemPaths(), ...paths, ...pluginPaths(kernel) },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: rk_...' } },
      schemas,
      responses: {
        BadRequest: problem('Invalid input: see errors for each field.'),
        Unauthorized: problem('Missing or invalid API key.'),
        Forbidden: problem('The key lacks the permission.'),
      },
    },
  };
}
