import type { FieldError } from '@rapport/core';
import type { ImportColumn } from './columns.js';
import { convertCell } from './convert-cell.js';

/** A record built from CSV cells, with the cells that could not be converted. */
export interface BuiltRecord {
  record: Record<string, unknown>;
  errors: FieldError[];
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
      node = next as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[keys[keys.length - 1] as string] = value;
}

/**
 * Builds a record from one CSV row: each cell converted by its column's type and placed at its
 * dotted path. Empty cells are left out (so an optional field stays absent, and a nested object
 * whose cells are all empty is not created). Text cells pass through `text` first (e.g. to undo
 * formula escaping).
 *
 * @example
 * ```ts
 * buildRecord([{ index: 0, path: 'amount.amount', type: 'integer' }], ['1200']);
 * // { record: { amount: { amount: 1200 } }, errors: [] }
 * ```
 */
export function buildRecord(
  columns: ImportColumn[],
  cells: readonly string[],
  text: (cell: string) => string = (cell) => cell,
): BuiltRecord {
  const record: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const column of columns) {
    const raw = cells[column.index];
    if (raw === undefined || raw === '') continue;
    const textual = column.type === 'string' || column.type === 'unknown';
    const result = convertCell(textual ? text(raw) : raw, column.type);
    if (result.ok) setPath(record, column.path, result.value);
    else errors.push({ path: column.path, rule: result.rule, message: result.message });
  }
  return { record, errors };
}
