import {
  type CompiledEntity,
  type FieldPolicy,
  type JsonSchema,
  jsonResponse,
  pageSchema,
  problemResponse,
  schemaFor,
  schemaRef,
  text,
} from '@rapport/core';
import {
  ERRORS,
  ETAG_CONDITION,
  ETAG_HEADER,
  FIELD_LIST,
  FIND_PARAMETERS,
  idParameter,
  type Json,
} from './openapi-parts.js';

/** `serviceTicket` → `ServiceTicket`. */
export const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

function withoutRequired(schema: JsonSchema): JsonSchema {
  const { required: _required, ...rest } = schema;
  return rest;
}

/**
 * The schemas of an entity: the record, the create input, the merge patch and a page. With the
 * caller's field `policy`, fields hidden from it are left out and read-only ones marked `readOnly`.
 */
export function entityComponents(entity: CompiledEntity, policy?: FieldPolicy): Record<string, JsonSchema> {
  const name = pascal(entity.name);
  const input = schemaFor(entity.inputSchema, policy);
  return {
    [name]: {
      ...schemaFor(entity.schema, policy),
      ...(entity.description ? { description: entity.description } : {}),
    },
    [`${name}Input`]: input,
    [`${name}Patch`]: {
      ...withoutRequired(input),
      description: 'JSON Merge Patch: null removes a field.',
    },
    [`${name}Page`]: pageSchema(schemaRef(name), `A page of ${entity.plural}.`),
  };
}

/** The path items of an exposed entity's generic routes. */
export function entityPaths(entity: CompiledEntity): Json {
  const name = pascal(entity.name);
  const plural = pascal(entity.plural);
  const tags = [entity.name];
  return {
    [`/api/${entity.path}`]: {
      get: {
        operationId: `list${plural}`,
        tags,
        summary: `List ${entity.plural}`,
        parameters: FIND_PARAMETERS,
        responses: {
          '200': jsonResponse(`A page of ${entity.plural}.`, schemaRef(`${name}Page`)),
          ...ERRORS,
        },
      },
      post: {
        operationId: `create${name}`,
        tags,
        summary: `Create a ${entity.name}`,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: schemaRef(`${name}Input`) } },
        },
        responses: {
          '201': jsonResponse('Created.', schemaRef(name), {
            ...ETAG_HEADER,
            Location: { description: 'URL of the new record.', schema: text(2_000) },
          }),
          ...ERRORS,
          '409': problemResponse('A unique value is taken.'),
          '413': problemResponse('The body is too large.'),
          '415': problemResponse('The body is not JSON.'),
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
            schema: FIELD_LIST,
          },
          {
            name: 'measures',
            in: 'query',
            required: true,
            style: 'deepObject',
            explode: true,
            description:
              'measures[name]=count | sum:<field> | avg:<field> | min:<field> | max:<field> | median:<field> | p90:<field>',
            schema: { type: 'object', additionalProperties: text(300), maxProperties: 100 },
          },
        ],
        responses: { '200': jsonResponse('One row per group.', schemaRef('AggregateResult')), ...ERRORS },
      },
    },
    [`/api/${entity.path}/{id}`]: {
      parameters: [idParameter(`The ${entity.name}'s id.`)],
      get: {
        operationId: `get${name}`,
        tags,
        summary: `Read a ${entity.name}`,
        parameters: [{ name: 'If-None-Match', in: 'header', schema: ETAG_CONDITION }],
        responses: {
          '200': jsonResponse('The record.', schemaRef(name), ETAG_HEADER),
          '304': { description: 'Not modified since the given ETag.' },
          ...ERRORS,
          '404': problemResponse('No such record (or hidden by a record rule).'),
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
            schema: ETAG_CONDITION,
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/merge-patch+json': { schema: schemaRef(`${name}Patch`) },
            'application/json': { schema: schemaRef(`${name}Patch`) },
          },
        },
        responses: {
          '200': jsonResponse('The changed record.', schemaRef(name), ETAG_HEADER),
          ...ERRORS,
          '404': problemResponse('No such record.'),
          '409': problemResponse('A unique value is taken, or the record changed meanwhile.'),
          '412': problemResponse('If-Match does not match the current version.'),
          '413': problemResponse('The body is too large.'),
          '415': problemResponse('The body is neither JSON nor a JSON Merge Patch.'),
          '428': problemResponse('If-Match is missing where the deployment requires it.'),
        },
      },
      delete: {
        operationId: `delete${name}`,
        tags,
        summary: `Delete a ${entity.name}`,
        parameters: [{ name: 'If-Match', in: 'header', schema: ETAG_CONDITION }],
        responses: {
          '204': { description: 'Deleted.' },
          ...ERRORS,
          '404': problemResponse('No such record.'),
          '409': problemResponse(
            'A plugin keeps the record: it is still referenced, or is closed another way.',
          ),
          '412': problemResponse('If-Match does not match the current version.'),
          '428': problemResponse('If-Match is missing where the deployment requires it.'),
        },
      },
    },
  };
}
