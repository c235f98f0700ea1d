import type { FieldPolicy } from '../access/field-policy.js';
import { pathCovers } from '../access/field-policy.js';
import type { AuditRecord, FieldChange } from './audit-collection.js';
import { REDACTED } from './audit-writer.js';

/** A value as a reader of the field sees it: `null` stays `null`, anything else is redacted. */
function masked(value: unknown): unknown {
  return value === null ? null : REDACTED;
}

/**
 * An audit record as the caller may see it: a change of a field hidden from it shows only that
 * the field changed (its values redacted, as a secret's are), and a change of an object holding a
 * hidden field leaves that field out of both values. The record itself when nothing is hidden.
 */
export function redactAudit(record: AuditRecord, policy: FieldPolicy | undefined): AuditRecord {
  if (!policy || !record.changes) return record;
  let changes: Record<string, FieldChange> | undefined;
  for (const [field, change] of Object.entries(record.changes)) {
    let shown: FieldChange | undefined;
    if (policy.isHidden(field)) {
      shown = { from: masked(change.from), to: masked(change.to) };
    } else if (policy.hidden.some((path) => pathCovers(field, path))) {
      // The hidden paths below this field, redacted from a copy shaped as a record.
      const from = policy.redact({ [field]: change.from })[field];
      const to = policy.redact({ [field]: change.to })[field];
      if (from !== change.from || to !== change.to) shown = { from, to };
    }
    if (shown) {
      changes ??= { ...record.changes };
      changes[field] = shown;
    }
  }
  return changes ? { ...record, changes } : record;
}
