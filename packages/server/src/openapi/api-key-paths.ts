import {
  type CompiledEntity,
  type JsonSchema,
  jsonRequestBody,
  jsonResponse,
  problemResponse,
  schemaRef,
} from '@rapport/core';
import { MAX_API_KEYS } from '../auth/api-keys.js';
import { ERRORS, idParameter, type Json } from './openapi-parts.js';

/** The `apiKey` record schema without the `hash`: what the admin routes show of a key. */
function visibleKey(entity: CompiledEntity): JsonSchema {
  const { hash: _hash, ...properties } = entity.schema.properties ?? {};
  return {
    ...entity.schema,
    description: 'An API key as the admin routes show it: never its hash, never the key itself.',
    properties,
    required: (entity.schema.required ?? []).filter((field) => field !== 'hash'),
  };
}

/** The schemas of `/api/api-keys`, from the `apiKey` entity (the hash left out). */
export function apiKeyComponents(entity: CompiledEntity): Record<string, JsonSchema> {
  const properties = entity.inputSchema.properties ?? {};
  return {
    ApiKey: visibleKey(entity),
    ApiKeyInput: {
      type: 'object',
      description: 'A key to issue: a name, existing roles, and attributes for record rules.',
      properties: {
        name: properties.name as JsonSchema,
        roles: {
          ...(properties.roles as JsonSchema),
          minItems: 0,
          description: 'Role names the kernel knows; with userId, among the user’s (empty: all of them).',
        },
        attributes: {
          ...(properties.attributes as JsonSchema),
          description: '`team=north` (and, without an account, `userId` names the actor).',
        },
        ...(properties.userId
          ? {
              userId: {
                ...(properties.userId as JsonSchema),
                description: 'The user (id or e-mail address) the key acts as, with the users() plugin.',
              },
            }
          : {}),
      },
      required: ['name', 'roles'],
      additionalProperties: false,
    },
    CreatedApiKey: {
      type: 'object',
      properties: {
        key: {
          type: 'string',
          minLength: 59,
          maxLength: 59,
          pattern: '^rk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$',
          description: 'The key, shown this once: only its hash is stored.',
        },
        record: schemaRef('ApiKey'),
      },
      required: ['key', 'record'],
      additionalProperties: false,
    },
    ApiKeyList: {
      type: 'object',
      properties: { items: { type: 'array', items: schemaRef('ApiKey'), maxItems: MAX_API_KEYS } },
      required: ['items'],
      additionalProperties: false,
    },
  };
}

/**
 * The path items of the key administration routes (admins: `apiKey` is a privileged resource).
 * The generic entity routes never serve `apiKey`; these dedicated routes do, without hashes.
 */
export function apiKeyPaths(): Json {
  const tags = ['apiKeys'];
  return {
    '/api/api-keys': {
      get: {
        operationId: 'listApiKeys',
        tags,
        summary: 'Every API key, oldest first, without hashes (admins)',
        responses: {
          '200': jsonResponse('Every key, revoked ones too.', schemaRef('ApiKeyList')),
          ...ERRORS,
        },
      },
      post: {
        operationId: 'createApiKey',
        tags,
        summary: 'Issue an API key (admins); the key is in the answer once',
        requestBody: jsonRequestBody(schemaRef('ApiKeyInput')),
        responses: {
          '201': jsonResponse('The key (shown once) and its record.', schemaRef('CreatedApiKey')),
          ...ERRORS,
          '413': problemResponse('The body is too large.'),
          '415': problemResponse('The body is not JSON.'),
        },
      },
    },
    '/api/api-keys/{id}': {
      delete: {
        operationId: 'revokeApiKey',
        tags,
        summary: 'Revoke an API key (admins): it stops working within the key cache time',
        parameters: [idParameter('The record id or the key id (the 12 characters after rk_).')],
        responses: {
          '200': jsonResponse('The revoked key, with revokedAt.', schemaRef('ApiKey')),
          ...ERRORS,
          '404': problemResponse('No such key.'),
        },
      },
    },
  };
}
