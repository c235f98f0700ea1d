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
  ETag: { description: 'The record version, for If-Match / If-None-Match.', schema: { type: 'string' } },
};

/** A required `{id}` path parameter. */
export const idParameter = (description: string): Json => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

/** The query parameters of a list: where, sort, limit, cursor, fields. */
export const FIND_PARAMETERS: Json[] = [
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
    description:
      'Comma-separated fields to return (id always). The items then hold only those fields: the item schema describes a whole record.',
    schema: { type: 'string' },
  },
];
