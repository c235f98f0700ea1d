import type { StoredRecord } from '../store/types.js';
import { cloneJson } from '../util/clone-json.js';
import { canonicalJson } from '../util/json-object.js';
import { compareValues } from './compare.js';
import { getPath } from './field-path.js';
import { matchesWhere } from './match.js';
import {
  type AggregateRow,
  type JsonValue,
  type MeasureSpec,
  PERCENTILES,
  type StoreAggregateQuery,
  type WhereNode,
} from './types.js';

/** Counts the records matching a normalized where. */
export function countInMemory(records: Iterable<StoredRecord>, where?: WhereNode): number {
  let count = 0;
  for (const record of records) if (matchesWhere(record, where)) count += 1;
  return count;
}

/** The continuous percentile `p` of `numbers` (PostgreSQL's `percentile_cont`); `null` when none. */
function percentile(numbers: number[], p: number): number | null {
  if (numbers.length === 0) return null;
  const sorted = numbers.sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (high - low) * (position - below);
}

function measure(spec: MeasureSpec, rows: StoredRecord[]): JsonValue {
  if (spec.fn === 'count') return rows.length;
  const values = rows
    .map((row) => getPath(row, spec.field ?? ''))
    .filter((v) => v !== null && v !== undefined);
  if (spec.fn === 'median' || spec.fn === 'p90') {
    const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    return percentile(numbers, PERCENTILES[spec.fn]);
  }
  if (spec.fn === 'sum' || spec.fn === 'avg') {
    const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const sum = numbers.reduce((total, n) => total + n, 0);
    if (spec.fn === 'sum') return sum;
    return numbers.length === 0 ? null : sum / numbers.length;
  }
  let best: unknown;
  for (const value of values) {
    const result = best === undefined ? 0 : compareValues(value, best);
    if (best === undefined || (spec.fn === 'min' ? result < 0 : result > 0)) best = value;
  }
  return best === undefined ? null : cloneJson(best as JsonValue);
}

/**
 * Answers a normalized aggregate over records held in memory: one row per distinct
 * combination of the `groupBy` values (missing as `null`), ordered ascending as sort orders
 * values; without `groupBy`, exactly one row even when nothing matches. `sum` ignores
 * non-numbers (0 when none); `avg`, `median` and `p90` likewise (`null` when none); `min`/`max`
 * compare present non-null values as sort does (`null` when none).
 */
export function aggregateInMemory(
  records: Iterable<StoredRecord>,
  query: StoreAggregateQuery,
): AggregateRow[] {
  const groups = new Map<string, { values: JsonValue[]; rows: StoredRecord[] }>();
  if (query.groupBy.length === 0) groups.set(canonicalJson([]), { values: [], rows: [] });
  for (const record of records) {
    if (!matchesWhere(record, query.where)) continue;
    const values = query.groupBy.map((path) => (getPath(record, path) ?? null) as JsonValue);
    const key = canonicalJson(values);
    let group = groups.get(key);
    if (!group) {
      group = { values, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(record);
  }
  const ordered = [...groups.values()].sort((a, b) => {
    for (const [i, value] of a.values.entries()) {
      const result = compareValues(value, b.values[i]);
      if (result !== 0) return result;
    }
    return 0;
  });
  return ordered.map((group) => {
    const row: AggregateRow = {};
    for (const [i, path] of query.groupBy.entries()) row[path] = cloneJson(group.values[i] ?? null);
    for (const spec of query.measures) row[spec.name] = measure(spec, group.rows);
    return row;
  });
}
