import { count, type JsonSchema, list, ref, schemaRef, text } from '@rapport/core';
import { PROBLEM_LIMITS } from '../http/problem.js';
import { MAX_AGGREGATE_ROWS } from '../routes/entity-routes.js';

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
        ...text(PROBLEM_LIMITS.path, { minLength: 0 }),
        description: 'Dotted path of the field (`amount.amount`); `` for the whole body.',
      },
      message: {
        ...text(PROBLEM_LIMITS.message, { minLength: 0 }),
        description: 'A sentence a person can act on.',
      },
      rule: {
        ...text(PROBLEM_LIMITS.rule, { minLength: 0 }),
        description: 'The rule that failed: `required`, `type`, `unknown`, `format`, ...',
      },
    },
    required: ['path', 'message', 'rule'],
    additionalProperties: false,
  },
  Problem: {
    type: 'object',
    description: `An RFC 9457 problem document. Besides the members listed, an error may add extension members (RFC 9457 §3.2). Texts longer than their maximum are cut (ending in …), and at most ${PROBLEM_LIMITS.errors} field errors are listed.`,
    properties: {
      type: { ...text(200), description: 'URI of the problem type: https://rapport.dev/problems/<code>.' },
      title: { ...text(100), description: 'The HTTP status text.' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: {
        ...text(PROBLEM_LIMITS.detail, { minLength: 0 }),
        description: 'What went wrong, in a sentence.',
      },
      code: {
        ...text(100),
        description:
          'Stable error code: VALIDATION_FAILED, INVALID_QUERY, BAD_REQUEST, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, PRECONDITION_REQUIRED, RATE_LIMITED, UNAVAILABLE, TIMEOUT, INTERNAL.',
      },
      instance: { ...text(PROBLEM_LIMITS.instance, { minLength: 0 }), description: 'The request path.' },
      requestId: { ...text(200), description: 'The X-Request-Id of the request, as logged.' },
      errors: {
        ...list(schemaRef('FieldError'), PROBLEM_LIMITS.errors),
        description: 'For validation problems: every field that failed.',
      },
      field: { ...text(PROBLEM_LIMITS.path, { minLength: 0 }), description: 'The field to blame.' },
      existingId: { ...ref, description: 'For a conflict: the record that holds the value.' },
      conflictingId: { ...ref, description: 'For a unique-index conflict: the holder.' },
      expected: { description: 'For a version conflict: the version the request expected.' },
      actual: { description: 'For a version conflict: the current version.' },
      permission: { ...text(200), description: 'For a 403: the permission missing (`deal:read`).' },
      details: {
        type: 'object',
        description:
          'Facts of the error a client can act on; a conflict names entity, kind, fields, field, value, existingId, and for a version conflict id, expected and actual.',
        properties: {
          entity: text(100),
          kind: text(50),
          fields: list(text(200), 50),
          field: text(PROBLEM_LIMITS.path, { minLength: 0 }),
          value: { description: 'The value that is taken.' },
          existingId: ref,
          id: ref,
          limit: { ...count, description: 'For a 429: the requests the key may make per window.' },
          rule: text(100),
          metric: text(200),
          permission: text(200),
          expected: {},
          actual: {},
        },
        maxProperties: 50,
      },
    },
    required: ['type', 'title', 'status', 'detail', 'code'],
    maxProperties: 50,
  },
  AggregateResult: {
    type: 'object',
    description: 'One row per group.',
    properties: {
      rows: {
        type: 'array',
        maxItems: MAX_AGGREGATE_ROWS,
        items: {
          type: 'object',
          description:
            'The groupBy fields (dotted names as given) with the group values, and each measure by its name: a number, or null over no values.',
          additionalProperties: true,
          maxProperties: 200,
        },
      },
    },
    required: ['rows'],
    additionalProperties: false,
  },
};
