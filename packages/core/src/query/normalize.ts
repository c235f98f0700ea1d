import type { JsonSchemaObject } from '../entities/json-schema.js';
import { InvalidQueryError } from '../errors.js';
import { cloneJson } from '../util/clone-json.js';
import { jsonDepthExcess, MAX_JSON_DEPTH } from '../util/json-depth.js';
import { isPlainObject } from '../util/json-object.js';
import { decodeCursor } from './cursor.js';
import { FORBIDDEN_KEYS, fieldTypeAt, isForbiddenKey } from './field-path.js';
import {
  type AggregateQuery,
  COMPARISON_OPERATORS,
  type ComparisonOperator,
  type FieldType,
  type FindQuery,
  type JsonValue,
  type MeasureFunction,
  type MeasureSpec,
  type SortKey,
  type StoreAggregateQuery,
  type StoreFindQuery,
  type Where,
  type WhereNode,
} from './types.js';

const MAX_DEPTH = 8;
const MAX_COMPARISONS = 100;
const MAX_LIST_ITEMS = 1000;
const MAX_SORT_KEYS = 8;
const MAX_GROUP_BY = 8;
const FIELD_MEASURES: readonly MeasureFunction[] = ['sum', 'avg', 'min', 'max', 'median', 'p90'];
/** Measures over numbers only. */
const NUMERIC_MEASURES: readonly MeasureFunction[] = ['sum', 'avg', 'median', 'p90'];

function fail(at: string, field: string, rule: string, message: string): never {
  throw new InvalidQueryError(`${at}: ${message}`, { details: { field, rule } });
}

/**
 * Refuses a dotted path with an empty step (`amount..currency`, `.name`) or a step that is one of
 * {@link FORBIDDEN_KEYS}, before the schema is consulted: no schema makes such a path usable.
 */
function checkSegments(at: string, path: string): void {
  for (const key of path.split('.')) {
    if (key === '') {
      fail(
        at,
        path,
        'empty-segment',
        `'${path}' has an empty step; write dotted paths such as 'amount.currency'`,
      );
    }
    if (isForbiddenKey(key)) fail(at, path, 'forbidden-key', forbiddenMessage(path, key));
  }
}

function forbiddenMessage(name: string, key: string): string {
  return `'${name}' uses '${key}', which no field path or name may hold (${FORBIDDEN_KEYS.join(', ')})`;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Is this JSON data? Recursive: callers refuse values nested deeper than `MAX_JSON_DEPTH` first. */
function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  return isPlainObject(value) && Object.values(value).every((v) => v === undefined || isJsonValue(v));
}

/** A short rendering of a value for error messages. */
function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (jsonDepthExcess(value)) return `a value nested deeper than ${MAX_JSON_DEPTH} levels`;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !isPlainObject(value)) {
    return `a ${(value as object).constructor?.name ?? 'object'}`;
  }
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint')
    return `a ${typeof value}`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function article(type: FieldType): string {
  if (type === 'unknown') return 'of no single type';
  return type === 'array' || type === 'integer' || type === 'object' ? `an ${type}` : `a ${type}`;
}

function combine(kind: 'and' | 'or', nodes: WhereNode[]): WhereNode | undefined {
  const items = nodes.flatMap((node) => (node.kind === kind ? node.items : [node]));
  if (items.length <= 1) return items[0];
  return { kind, items };
}

/**
 * Combines where trees with *and*, dropping absent ones (and flattening nested *and*s).
 *
 * @returns `undefined` when every tree is absent, the tree itself when only one is present.
 */
export function andWhere(...nodes: (WhereNode | undefined)[]): WhereNode | undefined {
  return combine(
    'and',
    nodes.filter((node): node is WhereNode => node !== undefined),
  );
}

// ---------------------------------------------------------------------------
// where
// ---------------------------------------------------------------------------

interface WhereContext {
  schema: JsonSchemaObject;
  comparisons: number;
}

/** Checks a value an `eq`/`ne`/`in`/`nin` can compare a field of `type` with. */
function checkEqualityValue(at: string, field: string, what: string, value: unknown, type: FieldType): void {
  if (value === null) return;
  const got = `got ${describe(value)}`;
  switch (type) {
    case 'number':
    case 'integer':
      if (!isNumber(value)) fail(at, field, 'type', `${what} a number or null, ${got}`);
      return;
    case 'string':
      if (typeof value !== 'string') fail(at, field, 'type', `${what} a string or null, ${got}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail(at, field, 'type', `${what} a boolean or null, ${got}`);
      return;
    default:
      if (!isJsonValue(value)) fail(at, field, 'type', `${what} a JSON value, ${got}`);
  }
}

function checkOperatorValue(
  at: string,
  field: string,
  op: ComparisonOperator,
  value: unknown,
  type: FieldType,
): void {
  // Before anything walks the value (rendering it, checking it is JSON, copying it): each of
  // those recurses, and a value nested thousands deep would overflow the stack.
  if (jsonDepthExcess(value)) {
    fail(at, field, 'maxDepth', `the value of '${op}' nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  const got = `got ${describe(value)}`;
  switch (op) {
    case 'eq':
    case 'ne':
      checkEqualityValue(at, field, `'${op}' needs`, value, type);
      return;
    case 'in':
    case 'nin':
      if (!Array.isArray(value)) fail(at, field, 'type', `'${op}' needs an array, ${got}`);
      if (value.length > MAX_LIST_ITEMS) {
        fail(at, field, 'max-items', `'${op}' takes at most ${MAX_LIST_ITEMS} values, got ${value.length}`);
      }
      for (const item of value) checkEqualityValue(at, field, `'${op}' items must be`, item, type);
      return;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (type === 'boolean') fail(at, field, 'operator', `'${op}' cannot be used on a boolean field`);
      if (type === 'number' || type === 'integer') {
        if (!isNumber(value)) fail(at, field, 'type', `'${op}' needs a number, ${got}`);
      } else if (type === 'string') {
        if (typeof value !== 'string') fail(at, field, 'type', `'${op}' needs a string, ${got}`);
      } else if (!isNumber(value) && typeof value !== 'string') {
        fail(at, field, 'type', `'${op}' needs a number or a string, ${got}`);
      }
      return;
    case 'contains':
      if (type === 'number' || type === 'integer' || type === 'boolean') {
        fail(
          at,
          field,
          'operator',
          `'contains' needs a string or array field, but '${field}' is ${article(type)}`,
        );
      }
      if (type === 'string' && typeof value !== 'string')
        fail(at, field, 'type', `'contains' needs a string, ${got}`);
      if (!isJsonValue(value)) fail(at, field, 'type', `'contains' needs a JSON value, ${got}`);
      return;
    case 'startsWith':
      if (type !== 'string') {
        fail(at, field, 'operator', `'startsWith' needs a string field, but '${field}' is ${article(type)}`);
      }
      if (typeof value !== 'string') fail(at, field, 'type', `'startsWith' needs a string, ${got}`);
      return;
    case 'exists':
      if (typeof value !== 'boolean') fail(at, field, 'type', `'exists' needs true or false, ${got}`);
      return;
  }
}

function isOperator(key: string): key is ComparisonOperator {
  return (COMPARISON_OPERATORS as readonly string[]).includes(key);
}

function parseField(ctx: WhereContext, at: string, field: string, condition: unknown): WhereNode[] {
  checkSegments(at, field);
  const type = fieldTypeAt(ctx.schema, field);
  if (type === undefined) fail(at, field, 'unknown-field', `unknown field '${field}'`);
  const operators: [string, unknown][] = isPlainObject(condition)
    ? Object.entries(condition).filter(([, value]) => value !== undefined)
    : [['eq', condition]];
  if (operators.length === 0) {
    fail(at, field, 'operator', `needs at least one operator (${COMPARISON_OPERATORS.join(', ')})`);
  }
  return operators.map(([op, value]) => {
    if (isForbiddenKey(op))
      fail(`${at}.${op}`, `${field}.${op}`, 'forbidden-key', forbiddenMessage(`${field}.${op}`, op));
    if (!isOperator(op)) {
      fail(
        at,
        field,
        'operator',
        `'${op}' is not an operator (use ${COMPARISON_OPERATORS.join(', ')}); to match a nested field use a dotted path such as '${field}.${op}'`,
      );
    }
    ctx.comparisons += 1;
    if (ctx.comparisons > MAX_COMPARISONS) {
      fail(at, field, 'max-comparisons', `a query may hold at most ${MAX_COMPARISONS} comparisons`);
    }
    checkOperatorValue(at, field, op, value, type);
    return { kind: 'cmp', field, op, value: cloneJson(value as JsonValue) };
  });
}

function parseWhere(
  ctx: WhereContext,
  at: string,
  field: string,
  where: unknown,
  depth: number,
): WhereNode | undefined {
  if (!isPlainObject(where)) fail(at, field, 'type', `needs an object of conditions, got ${describe(where)}`);
  if (depth > MAX_DEPTH) fail(at, field, 'depth', `conditions may nest at most ${MAX_DEPTH} levels deep`);
  const nodes: WhereNode[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    const here = `${at}.${key}`;
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value) || value.length === 0) {
        fail(
          here,
          key,
          'non-empty',
          `'${key}' needs a non-empty array of conditions, got ${describe(value)}`,
        );
      }
      const items = value.map((item, i) => parseRequired(ctx, `${here}[${i}]`, key, item, depth + 1));
      const node = combine(key, items);
      if (node) nodes.push(node);
    } else if (key === 'not') {
      nodes.push({ kind: 'not', item: parseRequired(ctx, here, key, value, depth + 1) });
    } else {
      nodes.push(...parseField(ctx, here, key, value));
    }
  }
  return combine('and', nodes);
}

function parseRequired(
  ctx: WhereContext,
  at: string,
  field: string,
  where: unknown,
  depth: number,
): WhereNode {
  const node = parseWhere(ctx, at, field, where, depth);
  if (!node) fail(at, field, 'non-empty', 'needs at least one condition');
  return node;
}

/**
 * Validates a caller's `where` against an entity schema and turns it into a {@link WhereNode}
 * tree: unknown paths, unknown operators, values of the wrong type for the field, empty
 * `and`/`or`, nesting deeper than 8 and more than 100 comparisons are refused.
 *
 * @returns `undefined` for an absent or empty `where` (match everything).
 * @throws InvalidQueryError naming the field and the rule (`details: { field, rule }`).
 *
 * @example
 * ```ts
 * normalizeWhere({ status: 'open', 'amount.amount': { gte: 1000 } }, schema);
 * // { kind: 'and', items: [{ kind: 'cmp', field: 'status', op: 'eq', value: 'open' }, ...] }
 * ```
 */
export function normalizeWhere(where: Where | undefined, schema: JsonSchemaObject): WhereNode | undefined {
  if (where === undefined) return undefined;
  return parseWhere({ schema, comparisons: 0 }, 'where', 'where', where, 1);
}

// ---------------------------------------------------------------------------
// sort, find
// ---------------------------------------------------------------------------

function checkPath(schema: JsonSchemaObject, at: string, path: unknown): string {
  if (typeof path !== 'string' || path === '') {
    fail(at, String(path), 'type', `needs a field path such as 'name', got ${describe(path)}`);
  }
  checkSegments(at, path);
  if (fieldTypeAt(schema, path) === undefined) fail(at, path, 'unknown-field', `unknown field '${path}'`);
  return path;
}

function checkPathList(
  schema: JsonSchemaObject,
  at: string,
  list: unknown,
  max: number,
  example: string,
): string[] {
  if (!Array.isArray(list))
    fail(at, at, 'type', `needs an array of field paths such as ${example}, got ${describe(list)}`);
  if (list.length > max) fail(at, at, 'max-items', `takes at most ${max} fields, got ${list.length}`);
  return list.map((entry, i) => checkPath(schema, `${at}[${i}]`, entry));
}

/**
 * Validates sort keys (`'-createdAt'` for descending) and appends `id` ascending so the order
 * is total. Keys after an explicit `id` are dropped: `id` is unique, so they never matter.
 *
 * @throws InvalidQueryError for unknown or repeated fields and more than 8 keys.
 */
export function normalizeSort(sort: string[] | undefined, schema: JsonSchemaObject): SortKey[] {
  const entries: unknown = sort ?? [];
  if (!Array.isArray(entries)) {
    fail(
      'sort',
      'sort',
      'type',
      `needs an array of field paths such as ['-createdAt', 'name'], got ${describe(entries)}`,
    );
  }
  if (entries.length > MAX_SORT_KEYS) {
    fail('sort', 'sort', 'max-items', `takes at most ${MAX_SORT_KEYS} keys, got ${entries.length}`);
  }
  const keys: SortKey[] = [];
  for (const [i, entry] of entries.entries()) {
    const at = `sort[${i}]`;
    const desc = typeof entry === 'string' && entry.startsWith('-');
    const field = checkPath(schema, at, desc ? (entry as string).slice(1) : entry);
    if (keys.some((key) => key.field === field))
      fail(at, field, 'duplicate', `'${field}' appears more than once`);
    keys.push({ field, direction: desc ? 'desc' : 'asc' });
    if (field === 'id') return keys;
  }
  keys.push({ field: 'id', direction: 'asc' });
  return keys;
}

function normalizeLimit(limit: unknown, limits: { defaultLimit: number; maxLimit: number }): number {
  if (limit === undefined) return Math.min(limits.defaultLimit, limits.maxLimit);
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
    fail('limit', 'limit', 'positive-integer', `needs a positive integer, got ${describe(limit)}`);
  }
  return Math.min(limit, limits.maxLimit);
}

function normalizeFields(fields: unknown, schema: JsonSchemaObject): string[] {
  if (!Array.isArray(fields)) {
    fail(
      'fields',
      'fields',
      'type',
      `needs an array of field paths such as ['id', 'name'], got ${describe(fields)}`,
    );
  }
  const paths = fields.map((entry, i) => checkPath(schema, `fields[${i}]`, entry));
  return [...new Set(paths.includes('id') ? paths : ['id', ...paths])];
}

/**
 * Validates a find query: where, sort (with `id` appended), limit (default when absent, clamped
 * to the maximum), cursor (decoded into `after`) and fields (`id` added).
 *
 * @throws InvalidQueryError naming the offending part and rule.
 */
export function normalizeFind(
  query: FindQuery,
  schema: JsonSchemaObject,
  limits: { defaultLimit: number; maxLimit: number },
): { find: StoreFindQuery; fields?: string[] } {
  if (!isPlainObject(query as unknown))
    fail('query', 'query', 'type', `needs an object, got ${describe(query)}`);
  const where = normalizeWhere(query.where, schema);
  const sort = normalizeSort(query.sort, schema);
  const find: StoreFindQuery = { sort, limit: normalizeLimit(query.limit, limits) };
  if (where) find.where = where;
  if (query.cursor !== undefined) find.after = decodeCursor(query.cursor, sort);
  if (query.fields === undefined) return { find };
  return { find, fields: normalizeFields(query.fields, schema) };
}

// ---------------------------------------------------------------------------
// aggregate
// ---------------------------------------------------------------------------

function parseMeasure(schema: JsonSchemaObject, name: string, spec: unknown): MeasureSpec {
  const at = `measures.${name}`;
  if (typeof spec !== 'string') {
    fail(at, name, 'type', `needs a measure such as 'count' or 'sum:amount', got ${describe(spec)}`);
  }
  const colon = spec.indexOf(':');
  const fn = colon < 0 ? spec : spec.slice(0, colon);
  const field = colon < 0 ? undefined : spec.slice(colon + 1);
  if (fn === 'count') {
    if (field !== undefined) fail(at, name, 'measure', `'count' takes no field; write 'count'`);
    return { name, fn: 'count' };
  }
  if (!(FIELD_MEASURES as readonly string[]).includes(fn)) {
    fail(
      at,
      name,
      'measure',
      `unknown measure '${spec}' (use count, sum:<path>, avg:<path>, min:<path>, max:<path>, median:<path> or p90:<path>)`,
    );
  }
  if (!field) fail(at, name, 'measure', `'${fn}' needs a field, as in '${fn}:amount'`);
  checkSegments(at, field);
  const type = fieldTypeAt(schema, field);
  if (type === undefined) fail(at, field, 'unknown-field', `unknown field '${field}'`);
  if (
    (NUMERIC_MEASURES as readonly string[]).includes(fn) &&
    type !== 'number' &&
    type !== 'integer' &&
    type !== 'unknown'
  ) {
    fail(at, field, 'type', `'${fn}' needs a numeric field, but '${field}' is ${article(type)}`);
  }
  return { name, fn: fn as MeasureFunction, field };
}

/**
 * Validates an aggregate query: where, up to 8 `groupBy` paths and at least one measure
 * (`count`, `sum:<path>`, `avg:<path>`, `min:<path>`, `max:<path>`, `median:<path>`, `p90:<path>`)
 * whose name does not repeat
 * a group path.
 *
 * @throws InvalidQueryError naming the offending part and rule.
 */
export function normalizeAggregate(query: AggregateQuery, schema: JsonSchemaObject): StoreAggregateQuery {
  if (!isPlainObject(query as unknown))
    fail('query', 'query', 'type', `needs an object, got ${describe(query)}`);
  const where = normalizeWhere(query.where, schema);
  const groupBy = checkPathList(schema, 'groupBy', query.groupBy ?? [], MAX_GROUP_BY, "['stage']");
  for (const [i, path] of groupBy.entries()) {
    if (groupBy.indexOf(path) !== i)
      fail(`groupBy[${i}]`, path, 'duplicate', `'${path}' appears more than once`);
  }
  const measures: unknown = query.measures;
  if (!isPlainObject(measures)) {
    fail('measures', 'measures', 'type', `needs an object such as { n: 'count' }, got ${describe(measures)}`);
  }
  const specs = Object.entries(measures)
    .filter(([, spec]) => spec !== undefined)
    .map(([name, spec]) => {
      if (name === '') fail('measures', name, 'type', 'measure names must not be empty');
      if (isForbiddenKey(name)) fail(`measures.${name}`, name, 'forbidden-key', forbiddenMessage(name, name));
      if (groupBy.includes(name)) {
        fail(
          `measures.${name}`,
          name,
          'duplicate',
          `measure name '${name}' repeats a groupBy path; choose another name`,
        );
      }
      return parseMeasure(schema, name, spec);
    });
  if (specs.length === 0)
    fail('measures', 'measures', 'non-empty', "needs at least one measure, such as { n: 'count' }");
  const result: StoreAggregateQuery = { groupBy, measures: specs };
  if (where) result.where = where;
  return result;
}
