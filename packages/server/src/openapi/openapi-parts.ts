import { MAX_CURSOR_LENGTH, MAX_PAGE_SIZE, ref, text, whereFilter } from '@rapport/core';

/** A JSON object of the OpenAPI document. */
export type Json = Record<string, unknown>;

/** The HTTP methods a path item may hold an operation for. */
export const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The 401 every `/api` route may answer. */
export const UNAUTHORIZED = { '401': { $ref: '#/components/responses/Unauthorized' } };

/** The errors every `/api` route may answer: 400, 401, 403. */
export const ERRORS = {
  '400': { $ref: '#/components/responses/BadRequest' },
  ...UNAUTHORIZED,
  '403': { $ref: '#/components/responses/Forbidden' },
};

/** The `ETag` response header of a record. */
export const ETAG_HEADER = {
  ETag: { description: 'The record version, for If-Match / If-None-Match.', schema: text(30) },
};

/** A required `{id}` path parameter. */
export const idParameter = (description: string): Json => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: ref,
});

/** A comma-separated list of field paths in the query string (`sort`, `fields`, `groupBy`). */
export const FIELD_LIST = text(2_000);

/** An `If-Match` or `If-None-Match` header: one ETag, `*`, or a few of them. */
export const ETAG_CONDITION = text(1_000);

/** The query parameters of a list: where, sort, limit, cursor, fields. */
export const FIND_PARAMETERS: Json[] = [
  {
    name: 'where',
    in: 'query',
    style: 'deepObject',
    explode: true,
    description:
      'Filter: where[field]=value, where[field][op]=value (ops: eq ne gt gte lt lte in nin contains startsWith exists), where[or][0][field]=value; or where=<JSON>.',
    schema: whereFilter,
  },
  {
    name: 'sort',
    in: 'query',
    description: 'Comma-separated fields, - for descending: -createdAt,name',
    schema: FIELD_LIST,
  },
  {
    name: 'limit',
    in: 'query',
    description: `Page size (default 50); a larger one is cut to the deployment's maximum (500 unless configured, at most ${MAX_PAGE_SIZE}).`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
  },
  {
    name: 'cursor',
    in: 'query',
    description: 'nextCursor of the previous page.',
    schema: { type: 'string', maxLength: MAX_CURSOR_LENGTH },
  },
  {
    name: 'fields',
    in: 'query',
    description:
      'Comma-separated fields to return (id always). The items then hold only those fields: the item schema describes a whole record.',
    schema: FIELD_LIST,
  },
];
