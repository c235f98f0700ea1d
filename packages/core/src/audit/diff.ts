import { isDeepStrictEqual } from 'node:util';
import type { FieldChange } from './audit-collection.js';

const IGNORED = new Set(['updatedAt', 'version']);

/**
 * The top-level fields that differ between two versions of a record, with old and new values
 * (`null` stands for absent). `updatedAt` and `version` change on every write and are left out.
 */
export function diffRecords(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  // A create or a delete changes every field: no comparisons needed.
  if (!before || !after) {
    const only = (after ?? before ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(only).sort()) {
      if (IGNORED.has(key) || only[key] === undefined) continue;
      changes[key] = before ? { from: only[key], to: null } : { from: null, to: only[key] };
    }
    return changes;
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const from = before[key];
    const to = after[key];
    if (!isDeepStrictEqual(from, to)) changes[key] = { from: from ?? null, to: to ?? null };
  }
  return changes;
}
