import { dateTime, safeInteger, text } from '../entities/schema-blocks.js';
import { withSystemFields } from '../entities/system-fields.js';
import type { CollectionSpec, StoredRecord } from '../store/types.js';

/** Name of the collection that records which slot each job last ran for. */
export const JOBS_COLLECTION = '_jobs';

/** A job's run record; its id is the job id. */
export interface JobRow extends StoredRecord {
  /** The scheduled instant (epoch ms) of the latest slot claimed; absent in rows of earlier versions. */
  lastSlotStart?: number;
  /** Interval jobs: the number of that slot (its start divided by the interval), as earlier versions compare it. */
  lastSlot?: number;
  /** When the latest run began; absent while a new cron job waits for its first slot. */
  lastRunAt?: string;
  lastError?: string;
}

/** The jobs collection's spec. */
export const JOBS_SPEC: CollectionSpec = {
  name: JOBS_COLLECTION,
  schema: withSystemFields({
    type: 'object',
    properties: {
      lastSlotStart: safeInteger,
      lastSlot: safeInteger,
      lastRunAt: dateTime,
      lastError: text(2_000, { minLength: 0 }),
    },
  }),
  indexes: [],
};
