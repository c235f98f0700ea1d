import type { JsonSchema } from '@rapport/core';

/**
 * The schemas every Rapport document has: the RFC 9457 problem document (with its field errors
 * and the public facts of an error) and the aggregate result.
 */
export const SHARED_SCHEMAS: Record<string, JsonSchema> = {
  FieldError: {
    type: 'object',
    description: 'One field that failed a rule.',
    properties: {
      path: {
        type: 'string',
        description: 'Dotted path of the field (`amount.amount`); `` for the whole body.',
      },
      message: { type: 'string', description: 'A sentence a person can act on.' },
      rule: {
        type: 'string',
        description: 'The rule that failed: `required`, `type`, `unknown`, `format`, ...',
      },
    },
    required: ['path', 'message', 'rule'],
    additionalProperties: false,
  },
  Problem: {
    type: 'object',
    description:
      'An RFC 9457 problem document. Besides the members listed, an error may add extension members (RFC 9457 §3.2).',
    properties: {
      type: { type: 'string', description: 'URI of the problem type: https://rapport.dev/problems/<code>.' },
      title: { type: 'string', description: 'The HTTP status text.' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: { type: 'string', description: 'What went wrong, in a sentence.' },
      code: {
        type: 'string',
        description:
          'Stable error code: VALIDATION_FAILED, INVALID_QUERY, BAD_REQUEST, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, PRECONDITION_REQUIRED, UNAVAILABLE, TIMEOUT, INTERNAL.',
      },
      instance: { type: 'string', description: 'The request path.' },
      requestId: { type: 'string', description: 'The X-Request-Id of the request, as logged.' },
      errors: {
        type: 'array',
        description: 'For validation problems: every field that failed.',
        items: { $ref: '#/components/schemas/FieldError' },
      },
      field: { type: 'string', description: 'The field to blame.' },
      existingId: { type: 'string', description: 'For a conflict: the record that holds the value.' },
      conflictingId: { type: 'string', description: 'For a unique-index conflict: the holder.' },
      expected: { description: 'For a version conflict: the version the request expected.' },
      actual: { description: 'For a version conflict: the current version.' },
      permission: { type: 'string', description: 'For a 403: the permission missing (`deal:read`).' },
      details: {
        type: 'object',
        description:
          'Facts of the error a client can act on; a conflict names entity, kind, fields, field, value, existingId, and for a version conflict id, expected and actual.',
        properties: {
          entity: { type: 'string' },
          kind: { type: 'string' },
          fields: { type: 'array', items: { type: 'string' } },
          field: { type: 'string' },
          value: { description: 'The value that is taken.' },
          existingId: { type: 'string' },
          id: { type: 'string' },
          expected: {},
          actual: {},
        },
      },
    },
    required: ['type', 'title', 'status', 'detail', 'code'],
  },
  AggregateResult: {
    type: 'object',
    description: 'One row per group.',
    properties: {
      rows: {
        type: 'array',
        items: {
          type: 'object',
          description:
            'The groupBy fields (dotted names as given) with the group values, and each measure by its name: a number, or null over no values.',
          additionalProperties: true,
        },
      },
    },
    required: ['rows'],
    additionalProperties: false,
  },
};
