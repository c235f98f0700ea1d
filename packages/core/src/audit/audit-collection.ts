import { dateTime, list, ref, text } from '../entities/schema-blocks.js';
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

/** The longest actor id the audit trail and the outbox record (`key:<keyId>`, a user id). */
export const MAX_ACTOR_ID_LENGTH = 256;
/** The most fields one audit record lists as changed. */
export const MAX_AUDITED_FIELDS = 1_000;

/** The audit collection's spec (and the schema audit queries are validated against). */
export const AUDIT_SPEC: CollectionSpec = {
  name: AUDIT_COLLECTION,
  schema: withSystemFields({
    type: 'object',
    properties: {
      at: dateTime,
      actorId: text(MAX_ACTOR_ID_LENGTH),
      actorKind: text(50),
      entity: text(100),
      recordId: ref,
      action: text(100),
      changes: { type: 'object', maxProperties: MAX_AUDITED_FIELDS },
      fields: list(text(200), MAX_AUDITED_FIELDS),
    },
  }),
  indexes: [{ fields: ['entity', 'recordId'] }, { fields: ['actorId'] }, { fields: ['at'] }],
  history: true,
};
