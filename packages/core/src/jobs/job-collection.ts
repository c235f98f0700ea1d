import { withSystemFields } from '../entities/system-fields.js';
import type { CollectionSpec, StoredRecord } from '../store/types.js';

/** Name of the collection that records which interval slot each job last ran for. */
export const JOBS_COLLECTION = '_jobs';

/** A job's run record; its id is the job id. */
export interface JobRow extends StoredRecord {
  lastSlot: number;
  lastRunAt: string;
  lastError?: string;
}

/** The jobs collection's spec. */
export const JOBS_SPEC: CollectionSpec = {
  name: JOBS_COLLECTION,
  schema: withSystemFields({
    type: 'object',
    properties: {
      lastSlot: { type: 'integer' },
      lastRunAt: { type: 'string' },
      lastError: { type: 'string' },
    },
  }),
  indexes: [],
};
