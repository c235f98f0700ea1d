import { withSystemFields } from '../entities/system-fields.js';
import type { CollectionSpec, StoredRecord } from '../store/types.js';

/** Name of the kernel's audit collection. */
export const AUDIT_COLLECTION = '_audit';

/** One field's change in an audit record. */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

/** One audit record: who did what to which record, when, and which fields changed. */
export interface AuditRecord extends StoredRecord {
  at: string;
  actorId: string;
  actorKind: string;
  entity: string;
  recordId: string;
  action: 'create' | 'update' | 'delete' | (string & {});
  /** Changed top-level fields with their old and new values. */
  changes: Record<string, FieldChange>;
  /** The changed field names, for filtering (`fields: { contains: 'stage' }`). */
  fields: string[];
}

/** The audit collection's spec (and the schema audit queries are validated against). */
export const AUDIT_SPEC: CollectionSpec = {
  name: AUDIT_COLLECTION,
  schema: withSystemFields({
    type: 'object',
    properties: {
      at: { type: 'string' },
      actorId: { type: 'string' },
      actorKind: { type: 'string' },
      entity: { type: 'string' },
      recordId: { type: 'string' },
      action: { type: 'string' },
      changes: { type: 'object' },
      fields: { type: 'array', items: { type: 'string' } },
    },
  }),
  indexes: [{ fields: ['entity', 'recordId'] }, { fields: ['actorId'] }, { fields: ['at'] }],
};
