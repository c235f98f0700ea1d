import { dateTime, text } from '../entities/schema-blocks.js';
import { withSystemFields } from '../entities/system-fields.js';
import type { CollectionSpec, StoredRecord } from '../store/types.js';

/** Name of the kernel collection that keeps the first result of each idempotency key. */
export const IDEMPOTENCY_COLLECTION = '_idempotency';

/** The largest result (its JSON text, in characters) an idempotency key keeps. */
export const MAX_IDEMPOTENT_RESULT = 4_000_000;

/**
 * One used idempotency key. Its id is a hash of the scope (the caller) and the key, so keys of
 * any form and length map to a bounded id and one caller's key never meets another's.
 */
export interface IdempotencyRow extends StoredRecord {
  /** The caller the key belongs to (an actor id). */
  scope: string;
  /** A hash of the request the key was first used with; a reuse with another request is refused. */
  fingerprint: string;
  /** The JSON text of the first result; absent while the first request runs inside its transaction. */
  result?: string;
  expiresAt: string;
}

/** The idempotency collection's spec, opened with the entities'. */
export const IDEMPOTENCY_SPEC: CollectionSpec = {
  name: IDEMPOTENCY_COLLECTION,
  schema: withSystemFields({
    type: 'object',
    properties: {
      scope: text(200),
      fingerprint: text(64),
      result: text(MAX_IDEMPOTENT_RESULT),
      expiresAt: dateTime,
    },
  }),
  indexes: [{ fields: ['expiresAt'] }],
};
