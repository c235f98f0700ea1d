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
      name: { type: 'string' },
      payload: { type: 'object' },
      occurredAt: { type: 'string' },
      actorId: { type: 'string' },
      pending: { type: 'array', items: { type: 'string' } },
      attempts: { type: 'integer' },
      nextAttemptAt: { type: 'string' },
      status: { type: 'string', enum: ['pending', 'dead'] },
      lastError: { type: 'string' },
    },
  }),
  indexes: [{ fields: ['status', 'nextAttemptAt'] }],
};
