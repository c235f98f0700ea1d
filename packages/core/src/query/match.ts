import { getPath } from './field-path.js';
import type { ComparisonOperator, JsonValue, WhereNode } from './types.js';

/**
 * Deep equality of JSON values: arrays element by element, objects by the same keys (in any
 * order) with equal values. A key holding `undefined` counts as absent.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  const aObj = a as Record<string, unknown>;
  const bObj = b as Record<string, unknown>;
  const aKeys = Object.keys(aObj).filter((k) => aObj[k] !== undefined);
  const bKeys = Object.keys(bObj).filter((k) => bObj[k] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((k) => Object.hasOwn(bObj, k) && deepEqual(aObj[k], bObj[k]));
}

function isEqual(field: unknown, value: JsonValue): boolean {
  return value === null ? field === null || field === undefined : deepEqual(field, value);
}

function isIn(field: unknown, value: JsonValue): boolean {
  return Array.isArray(value) && value.some((item) => isEqual(field, item));
}

function compareSameType(field: unknown, value: JsonValue, op: ComparisonOperator): boolean {
  const sameType =
    (typeof field === 'number' && typeof value === 'number') ||
    (typeof field === 'string' && typeof value === 'string');
  if (!sameType) return false;
  const a = field as number | string;
  const b = value as number | string;
  switch (op) {
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
    case 'lt':
      return a < b;
    default:
      return a <= b;
  }
}

function matchesComparison(field: unknown, op: ComparisonOperator, value: JsonValue): boolean {
  switch (op) {
    case 'eq':
      return isEqual(field, value);
    case 'ne':
      return !isEqual(field, value);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compareSameType(field, value, op);
    case 'in':
      return isIn(field, value);
    case 'nin':
      return !isIn(field, value);
    case 'contains':
      if (typeof field === 'string') return typeof value === 'string' && field.includes(value);
      return Array.isArray(field) && field.some((item) => deepEqual(item, value));
    case 'startsWith':
      return typeof field === 'string' && typeof value === 'string' && field.startsWith(value);
    case 'exists':
      return (field !== null && field !== undefined) === (value === true);
  }
}

/**
 * Evaluates a normalized where tree against a record, exactly as every store must (see
 * `docs/query-language.md`). An absent tree matches everything.
 *
 * @example
 * ```ts
 * matchesWhere({ status: 'open' }, { kind: 'cmp', field: 'status', op: 'eq', value: 'open' }); // true
 * ```
 */
export function matchesWhere(record: unknown, node: WhereNode | undefined): boolean {
  if (node === undefined) return true;
  switch (node.kind) {
    case 'and':
      return node.items.every((item) => matchesWhere(record, item));
    case 'or':
      return node.items.some((item) => matchesWhere(record, item));
    case 'not':
      return !matchesWhere(record, node.item);
    case 'cmp':
      return matchesComparison(getPath(record, node.field), node.op, node.value);
  }
}
