/** A JSON value as stored in a record. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Comparison operators of the query language. */
export type ComparisonOperator =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'in'
  | 'nin'
  | 'contains'
  | 'startsWith'
  | 'exists';

/** The operators, in the order the docs list them. */
export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'nin',
  'contains',
  'startsWith',
  'exists',
];

/** Conditions on one field: a bare value means `eq`. */
export type FieldCondition = JsonValue | Partial<Record<ComparisonOperator, JsonValue>>;

/**
 * The serializable `where` a caller writes, the same in code and over HTTP.
 *
 * @example
 * ```ts
 * { status: 'open', 'amount.amount': { gte: 1000 }, or: [{ ownerId: 'u1' }, { ownerId: 'u2' }] }
 * ```
 */
export interface Where {
  and?: Where[];
  or?: Where[];
  not?: Where;
  [field: string]: FieldCondition | Where[] | Where | undefined;
}

/** A find query as callers write it. */
export interface FindQuery {
  where?: Where;
  /** Field paths, `-` prefix for descending: `['-createdAt', 'name']`. */
  sort?: string[];
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  /** Field paths to return; `id` is always returned. */
  fields?: string[];
}

/** One page of a find. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
}

/**
 * Measure functions: `count`, or `fn:field` such as `sum:amount.amount`. `median` and `p90` are
 * continuous percentiles of the numbers (interpolated between the two nearest, as PostgreSQL's
 * `percentile_cont`): what a typical and a bad case took, where `avg` hides both.
 */
export type MeasureFunction = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'median' | 'p90';

/** The fraction each percentile measure stands for. */
export const PERCENTILES: Readonly<Record<'median' | 'p90', number>> = Object.freeze({
  median: 0.5,
  p90: 0.9,
});

/** An aggregate query as callers write it. */
export interface AggregateQuery {
  where?: Where;
  groupBy?: string[];
  /** Output name to measure: `{ n: 'count', total: 'sum:amount.amount' }`. */
  measures: Record<string, string>;
}

/** One output row: the group-by fields (by path) and each measure (by name). */
export type AggregateRow = Record<string, JsonValue>;

// ---------------------------------------------------------------------------
// The normalized forms stores receive. The kernel validates every field path and value
// against the entity schema before a store sees a query.
// ---------------------------------------------------------------------------

/** A validated where clause as a tree. */
export type WhereNode =
  | { kind: 'and'; items: WhereNode[] }
  | { kind: 'or'; items: WhereNode[] }
  | { kind: 'not'; item: WhereNode }
  | { kind: 'cmp'; field: string; op: ComparisonOperator; value: JsonValue };

/** The primitive type of a field as far as queries care. */
export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'unknown';

/** One sort key; stores must order `null`/missing after every value ascending (before, descending). */
export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
}

/**
 * A validated find as stores receive it. `sort` always ends with `id` so the order is total;
 * `after` holds the sort values of the last row of the previous page (one per sort key).
 */
export interface StoreFindQuery {
  where?: WhereNode;
  sort: SortKey[];
  limit: number;
  after?: JsonValue[];
}

/** One validated measure. */
export interface MeasureSpec {
  name: string;
  fn: MeasureFunction;
  /** Absent for `count`. */
  field?: string;
}

/**
 * A validated aggregate as stores receive it. Rows come back one per distinct group (missing
 * values group as `null`), ordered by the group fields ascending; with no `groupBy`, exactly one
 * row. `count` is an integer; `sum` of no numbers is 0; `avg`/`min`/`max` of no numbers is `null`.
 * Non-numeric values are ignored by `sum`/`avg`; `min`/`max` compare as sort does.
 */
export interface StoreAggregateQuery {
  where?: WhereNode;
  groupBy: string[];
  measures: MeasureSpec[];
}
