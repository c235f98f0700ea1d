import type { Where } from '@rapport/core';
import { valueAt } from '../schema/value-at.js';

type Condition = Record<string, unknown>;

const OPERATORS = new Set(['eq', 'ne', 'in', 'nin', 'exists']);

function isOperators(value: unknown): value is Condition {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).length > 0 &&
    Object.keys(value).every((key) => OPERATORS.has(key))
  );
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function holds(value: unknown, condition: unknown): boolean {
  if (!isOperators(condition)) return same(value, condition);
  return Object.entries(condition).every(([operator, operand]) => {
    switch (operator) {
      case 'eq':
        return same(value, operand);
      case 'ne':
        return !same(value, operand);
      case 'in':
        return Array.isArray(operand) && operand.some((item) => same(value, item));
      case 'nin':
        return !Array.isArray(operand) || !operand.some((item) => same(value, item));
      default:
        return (value !== undefined && value !== null) === Boolean(operand);
    }
  });
}

/**
 * Whether a record matches a view's `when` in the browser: field conditions with `eq` (or a bare
 * value), `ne`, `in`, `nin` and `exists`, combined with `and`, `or` and `not`. No `when` matches
 * everything. It only decides what the console offers; the server decides what is allowed.
 */
export function matchesWhere(record: Record<string, unknown>, where: Where | undefined): boolean {
  if (!where) return true;
  return Object.entries(where as Record<string, unknown>).every(([key, condition]) => {
    if (key === 'and') return (condition as Where[]).every((part) => matchesWhere(record, part));
    if (key === 'or') return (condition as Where[]).some((part) => matchesWhere(record, part));
    if (key === 'not') return !matchesWhere(record, condition as Where);
    return holds(valueAt(record, key), condition);
  });
}
