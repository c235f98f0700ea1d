import { dateTime, list, text } from '../entities/schema-blocks.js';
import { withSystemFields } from '../entities/system-fields.js';
import type { CollectionSpec, StoredRecord } from '../store/types.js';

/** Name of the kernel collection that keeps the generated server secret. */
export const SECRETS_COLLECTION = '_secrets';
/** Id of the one record of {@link SECRETS_COLLECTION}. */
export const SERVER_SECRET_ID = 'server';

/** One stored key of the server secret. */
export interface StoredSecretKey {
  kid: string;
  secret: string;
  createdAt: string;
}

/** The stored server secret: its keys, newest (the one that signs) first. */
export interface SecretRow extends StoredRecord {
  keys: StoredSecretKey[];
}

/** The secrets collection's spec, opened with the entities'. */
export const SECRETS_SPEC: CollectionSpec = {
  name: SECRETS_COLLECTION,
  schema: withSystemFields({
    type: 'object',
    properties: {
      keys: list(
        {
          type: 'object',
          properties: {
            kid: text(32),
            secret: { ...text(200), writeOnly: true },
            createdAt: dateTime,
          },
          additionalProperties: false,
        },
        100,
      ),
    },
  }),
  indexes: [],
};
