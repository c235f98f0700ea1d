import type { Actor } from '../access/actor.js';
import type { StoreTx } from '../store/types.js';
import { isoTime } from '../util/clock.js';
import { newId } from '../util/ids.js';
import { AUDIT_COLLECTION, type AuditRecord } from './audit-collection.js';
import { diffRecords } from './diff.js';

/** The facts of one write, as the repository knows them. */
export interface AuditedWrite {
  actor: Actor;
  entity: string;
  recordId: string;
  action: AuditRecord['action'];
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  now: number;
  /** Fields whose values the audit record must not hold (it says only that they changed). */
  secretFields?: ReadonlySet<string>;
}

/** What an audit record shows instead of a secret field's value. */
export const REDACTED = '[redacted]';

/** Writes the audit record of a write inside the write's own transaction. */
export async function writeAudit(tx: StoreTx, write: AuditedWrite): Promise<void> {
  const at = isoTime(write.now);
  const changes = diffRecords(write.before, write.after);
  for (const field of write.secretFields ?? []) {
    const change = changes[field];
    if (!change) continue;
    changes[field] = {
      from: change.from === null ? null : REDACTED,
      to: change.to === null ? null : REDACTED,
    };
  }
  const record: AuditRecord = {
    id: newId(),
    createdAt: at,
    updatedAt: at,
    version: 1,
    at,
    actorId: write.actor.id,
    actorKind: write.actor.kind,
    entity: write.entity,
    recordId: write.recordId,
    action: write.action,
    changes,
    fields: Object.keys(changes),
  };
  await tx.insert(AUDIT_COLLECTION, record);
}
