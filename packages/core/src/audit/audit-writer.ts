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
}

/** Writes the audit record of a write inside the write's own transaction. */
export async function writeAudit(tx: StoreTx, write: AuditedWrite): Promise<void> {
  const at = isoTime(write.now);
  const changes = diffRecords(write.before, write.after);
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
