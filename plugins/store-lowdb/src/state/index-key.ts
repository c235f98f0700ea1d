import { canonicalJson, type StoredRecord } from '@rapport/core';
import type { PathReader } from '@rapport/core/store-kit';

/**
 * The key of a tuple of field values in an index. Values that are `eq` in the query language
 * get the same key; `null` and missing share the key `null` (as `eq: null` matches both). The
 * parts are joined with NUL, which canonical JSON never contains.
 */
export function tupleKey(values: readonly unknown[]): string {
  return values.length === 1 ? canonicalJson(values[0]) : values.map(canonicalJson).join('\u0000');
}

/** The index key of a record for the fields `readers` read (same as {@link tupleKey} of their values). */
export function recordKey(record: StoredRecord, readers: readonly PathReader[]): string {
  if (readers.length === 1) return canonicalJson((readers[0] as PathReader)(record));
  return readers.map((read) => canonicalJson(read(record))).join('\u0000');
}

/** Does the record hold a non-null value in every field (so a unique index covers it)? */
export function hasAllValues(record: StoredRecord, readers: readonly PathReader[]): boolean {
  for (const read of readers) {
    const value = read(record);
    if (value === null || value === undefined) return false;
  }
  return true;
}
