import { getPath } from '@rapport/core';

/** A flattened record: one string per export column, and whether data had no column to go to. */
export interface FlatRow {
  cells: string[];
  /** The record holds values outside the columns (extra keys of open nested objects). */
  dropped: boolean;
}

function cellOf(value: unknown, text: (value: string) => string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return text(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function leafCount(value: unknown, path: string, columns: Set<string>): number {
  if (columns.has(path)) return 0;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value === undefined ? 0 : 1;
  let n = 0;
  for (const [key, child] of Object.entries(value))
    n += leafCount(child, path ? `${path}.${key}` : key, columns);
  return n;
}

/**
 * Flattens a record onto export columns (dotted paths): strings as they are (or through `text`,
 * e.g. formula escaping), numbers and booleans as text, arrays and objects as JSON, missing and
 * null as empty cells.
 *
 * @example
 * ```ts
 * flattenRecord({ id: 'a', amount: { amount: 5 } }, ['id', 'amount.amount']).cells; // ['a', '5']
 * ```
 */
export function flattenRecord(
  record: Record<string, unknown>,
  columns: readonly string[],
  known?: Set<string>,
  text: (value: string) => string = (value) => value,
): FlatRow {
  const cells = columns.map((column) => cellOf(getPath(record, column), text));
  const dropped = leafCount(record, '', known ?? new Set(columns)) > 0;
  return { cells, dropped };
}
