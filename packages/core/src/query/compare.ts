import type { StoredRecord } from '../store/types.js';
import { getPath } from './field-path.js';
import type { JsonValue, SortKey } from './types.js';

function typeRank(value: unknown): number {
  switch (typeof value) {
    case 'boolean':
      return 0;
    case 'number':
      return 1;
    case 'string':
      return 2;
    default:
      return 3;
  }
}

/**
 * The total order of the query language: `null` and missing values come after everything
 * (and equal each other); then boolean < number < string < array/object. Numbers compare
 * numerically, strings by UTF-16 code unit, booleans `false < true`, arrays and objects by
 * their JSON text.
 *
 * @returns a negative number, zero or a positive number, like an `Array.sort` comparator.
 */
export function compareValues(a: unknown, b: unknown): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull === bNull ? 0 : aNull ? 1 : -1;
  const rank = typeRank(a) - typeRank(b);
  if (rank !== 0) return rank;
  if (typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean') {
    return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  }
  const aText = JSON.stringify(a) ?? '';
  const bText = JSON.stringify(b) ?? '';
  return aText < bText ? -1 : aText > bText ? 1 : 0;
}

/**
 * Compares two records by sort keys; `desc` inverts a key, so `null`/missing values come
 * first descending.
 */
export function compareBySort(a: StoredRecord, b: StoredRecord, sort: SortKey[]): number {
  for (const key of sort) {
    const result = compareValues(getPath(a, key.field), getPath(b, key.field));
    if (result !== 0) return key.direction === 'desc' ? -result : result;
  }
  return 0;
}

/** The values of a record's sort fields, one per key, missing as `null` (what a cursor encodes). */
export function sortValues(record: StoredRecord, sort: SortKey[]): JsonValue[] {
  return sort.map((key) => (getPath(record, key.field) ?? null) as JsonValue);
}
