import { MAX_ACTOR_ID_LENGTH } from '../audit/audit-collection.js';
import { count, dateTime, jsonObject, list, text } from '../entities/schema-blocks.js';
import { withSystemFields } from '../entities/system-fields.js';
import type { CollectionSpec, StoredRecord } from '../store/types.js';

/** Name of the kernel's outbox collection. */
export const OUTBOX_COLLECTION = '_outbox';

/** One outbox row: an event and the handlers that have yet to receive it. */
export interface OutboxRow extends StoredRecord {
  name: string;
  payload: Record<string, unknown>;
  occurredAt: string;
  actorId: string;
  /** Handler ids not yet delivered. */
  pending: string[];
  attempts: number;
  /** ISO time before which no redelivery is tried. */
  nextAttemptAt: string;
  status: 'pending' | 'dead';
  lastError?: string;
}

/** The outbox's collection spec, opened with the entities'. */
export const OUTBOX_SPEC: CollectionSpec = {
  name: OUTBOX_COLLECTION,
  schema: withSystemFields({
    type: 'object',
    properties: {
      name: text(200),
      payload: jsonObject(1_000),
      occurredAt: dateTime,
      actorId: text(MAX_ACTOR_ID_LENGTH),
      pending: list(text(200), 1_000),
      attempts: count,
      nextAttemptAt: dateTime,
      status: { type: 'string', enum: ['pending', 'dead'] },
      lastError: text(2_000, { minLength: 0 }),
    },
  }),
  indexes: [{ fields: ['status', 'nextAttemptAt'] }],
  history: true,
};
