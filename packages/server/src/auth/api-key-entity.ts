import { dateTime, defineEntity, definePlugin, MAX_ACTOR_ID_LENGTH, ref, text } from '@rapport/core';

/** A stored API key: only the SHA-256 of its secret is kept. */
export interface ApiKey {
  name: string;
  /** The public part of the key (`rk_<keyId>_...`), used to find it. */
  keyId: string;
  /** Hex SHA-256 of the secret part. */
  hash: string;
  roles: string[];
  attributes?: Record<string, string | number | boolean>;
  /**
   * The user the key belongs to: it acts as that user (their id, team, and those of the key's
   * roles the user still holds) and stops working when the user is deactivated or deleted.
   */
  userId?: string;
  revokedAt?: string;
  createdBy?: string;
}

/** The `apiKey` entity: never on the generic REST routes, and `apiKey` is a privileged resource. */
export const ApiKeyEntity = defineEntity<ApiKey>({
  name: 'apiKey',
  plural: 'apiKeys',
  exposed: false,
  description: 'API keys (hashed).',
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100 },
      keyId: { type: 'string', minLength: 12, maxLength: 12, pattern: '^[A-Za-z0-9]{12}$' },
      hash: { type: 'string', minLength: 64, maxLength: 64, pattern: '^[0-9a-f]{64}$', writeOnly: true },
      roles: { type: 'array', items: { type: 'string', maxLength: 64 }, minItems: 1, maxItems: 20 },
      attributes: {
        type: 'object',
        propertyNames: { type: 'string', maxLength: 64 },
        additionalProperties: {
          type: ['string', 'number', 'boolean'],
          maxLength: 200,
          minimum: -Number.MAX_SAFE_INTEGER,
          maximum: Number.MAX_SAFE_INTEGER,
        },
        maxProperties: 20,
      },
      userId: ref,
      revokedAt: dateTime,
      createdBy: text(MAX_ACTOR_ID_LENGTH),
    },
    required: ['name', 'keyId', 'hash', 'roles'],
  },
  indexes: [{ fields: ['keyId'], unique: true }, 'userId'],
});

/** The plugin that stores API keys; `createServer` needs it in the kernel's plugins. */
export const apiKeys = definePlugin({
  id: 'apiKeys',
  version: '0.1.0',
  description: 'Hashed API keys with roles, for the HTTP API.',
  register(ctx) {
    ctx.entities.define(ApiKeyEntity);
  },
});
