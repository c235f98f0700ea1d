import { dateTime, ref, text } from '../entities/schema-blocks.js';
import { withSystemFields } from '../entities/system-fields.js';
import type { CollectionSpec, StoredRecord } from '../store/types.js';

/** Name of the kernel collection that holds sign-in sessions (hashes of their tokens, never the tokens). */
export const SESSIONS_COLLECTION = '_sessions';

/** One session of a signed-in user; its id is the lookup part of the session token. */
export interface SessionRow extends StoredRecord {
  userId: string;
  /** Hex SHA-256 of the token's secret part. */
  hash: string;
  /** The CSRF token of the session (random; worthless without the session cookie). */
  csrf: string;
  /** Last recorded activity (recorded at most once per touch interval). */
  lastSeenAt: string;
  /** When the session ends whatever happens (the absolute timeout from its start). */
  expiresAt: string;
  /** When the session ends unless it is used again (the idle timeout from `lastSeenAt`). */
  idleExpiresAt: string;
}

/** The sessions collection's spec, opened with the entities' when the `users()` plugin is installed. */
export const SESSIONS_SPEC: CollectionSpec = {
  name: SESSIONS_COLLECTION,
  schema: withSystemFields({
    type: 'object',
    properties: {
      userId: ref,
      hash: { ...text(64), writeOnly: true },
      csrf: { ...text(64), writeOnly: true },
      lastSeenAt: dateTime,
      expiresAt: dateTime,
      idleExpiresAt: dateTime,
    },
  }),
  indexes: [{ fields: ['userId'] }, { fields: ['expiresAt'] }, { fields: ['idleExpiresAt'] }],
};
