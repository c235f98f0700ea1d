import type { JsonSchemaObject, JsonValue, SortKey } from '@rapport/core';
import { StoreError } from '@rapport/core';
import { checkText, jsonParam } from '../json.js';
import { fieldSql, type OrderPart, orderParts } from './fields.js';
import type { Params } from './params.js';

interface Term {
  part: OrderPart;
  direction: 'asc' | 'desc';
  /** The `after` value of this part as SQL, or null when it is NULL. */
  after: string | null;
}

/**
 * `ORDER BY` reproducing the query language's order: each key's parts in turn, ascending with
 * NULLs (missing, null) last, descending with NULLs first — PostgreSQL's defaults.
 */
export function orderBySql(sort: SortKey[], schema: JsonSchemaObject, alias: string): string {
  const items: string[] = [];
  for (const key of sort) {
    for (const part of orderParts(fieldSql(schema, key.field, alias))) {
      items.push(key.direction === 'desc' ? `${part.sql} DESC` : part.sql);
    }
  }
  return items.join(', ');
}

function rankOf(value: JsonValue): number | null {
  switch (typeof value) {
    case 'boolean':
      return 0;
    case 'number':
      return 1;
    case 'string':
      return 2;
    default:
      return value === null ? null : 3;
  }
}

/** The SQL value a part takes for a row whose field holds `value` (null when the part is NULL). */
function partValue(part: OrderPart, value: JsonValue, params: Params): string | null {
  switch (part.kind) {
    case 'rank': {
      const rank = rankOf(value);
      return rank === null ? null : String(rank);
    }
    case 'text':
      if (typeof value !== 'string') return null;
      checkText(value, 'a cursor value', 'after');
      return params.add(value, 'text');
    case 'number':
      return typeof value === 'number' ? params.add(JSON.stringify(value), 'numeric') : null;
    case 'boolean':
      return typeof value === 'boolean' ? params.add(value, 'boolean') : null;
    default:
      return value !== null && typeof value === 'object'
        ? `(${params.add(jsonParam(value, 'a cursor value'), 'jsonb')})::text COLLATE "C"`
        : null;
  }
}

/**
 * Whether a part of an untyped key can differ between rows of the same rank as `value`: after
 * the rank only the part of the value's own type matters (the others are NULL on both sides).
 */
function partMatters(part: OrderPart, value: JsonValue): boolean {
  if (part.kind === 'rank') return true;
  if (value === null) return false;
  switch (part.kind) {
    case 'text':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return typeof value === 'object';
  }
}

/** SQL true when a row's part comes strictly after the `after` value in its direction. */
function afterSql(term: Term): string | undefined {
  const { part, direction, after } = term;
  if (direction === 'asc') {
    if (after === null) return undefined; // nothing sorts after NULL ascending
    return part.nullable ? `(${part.sql} > ${after} OR ${part.sql} IS NULL)` : `${part.sql} > ${after}`;
  }
  if (after === null) return part.nullable ? `${part.sql} IS NOT NULL` : 'TRUE';
  return `${part.sql} < ${after}`;
}

function sameSql(term: Term): string {
  return term.after === null ? `${term.part.sql} IS NULL` : `${term.part.sql} = ${term.after}`;
}

/**
 * The keyset condition: rows strictly after the position whose sort values are `after` (one per
 * sort key, as a cursor holds them), expanded into an OR-chain so mixed directions and NULLs
 * order exactly like `ORDER BY` does.
 */
export function keysetSql(
  sort: SortKey[],
  after: JsonValue[],
  schema: JsonSchemaObject,
  alias: string,
  params: Params,
): string {
  if (after.length !== sort.length) {
    throw new StoreError('INVALID', `a cursor needs ${sort.length} sort value(s), got ${after.length}`, {
      details: { expected: sort.length, got: after.length },
    });
  }
  const terms: Term[] = [];
  for (const [i, key] of sort.entries()) {
    const value = (after[i] ?? null) as JsonValue;
    const parts = orderParts(fieldSql(schema, key.field, alias));
    const untyped = parts[0]?.kind === 'rank';
    for (const part of parts) {
      if (untyped && !partMatters(part, value)) continue;
      terms.push({ part, direction: key.direction, after: partValue(part, value, params) });
    }
  }
  const branches: string[] = [];
  for (const [i, term] of terms.entries()) {
    const after = afterSql(term);
    if (after === undefined) continue;
    const same = terms.slice(0, i).map(sameSql);
    branches.push(same.length === 0 ? after : `(${[...same, after].join(' AND ')})`);
  }
  if (branches.length === 0) return 'FALSE';
  const chain = branches.length === 1 ? (branches[0] as string) : `(${branches.join(' OR ')})`;
  const bound = terms[0] && branches.length > 1 ? leadingBound(terms[0]) : undefined;
  return bound ? `(${bound} AND ${chain})` : chain;
}

/**
 * A bound implied by the OR-chain on its first part alone (`created_at <= $1` after a position
 * sorted newest first), which PostgreSQL can use as an index condition, so a later keyset page
 * starts at its cursor inside the index rather than filtering every row before it. Only where
 * it is exactly implied: descending, every row after a non-NULL value has a value at most it
 * (NULLs come first); ascending, only when the part cannot be NULL (NULLs come last).
 */
function leadingBound(term: Term): string | undefined {
  if (term.after === null) return undefined;
  if (term.direction === 'desc') return `${term.part.sql} <= ${term.after}`;
  return term.part.nullable ? undefined : `${term.part.sql} >= ${term.after}`;
}
