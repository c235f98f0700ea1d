import {
  type AggregateQuery,
  type FieldType,
  type FindQuery,
  FORBIDDEN_KEYS,
  fieldTypeAt,
  isForbiddenKey,
  type JsonSchemaObject,
  type Where,
} from '@rapport/core';
import { parse } from 'qs';
import { HttpProblem } from '../http/problem.js';

/** Limits on what a query string may hold. */
export interface QueryStringLimits {
  /** Most parameters (after bracket expansion) in one query string (default 100). */
  maxParameters: number;
}

const LOGIC = new Set(['and', 'or', 'not']);
const LIST_OPERATORS = new Set(['in', 'nin']);

function bad(message: string, details?: { field: string; rule: string }): never {
  throw new HttpProblem('INVALID_QUERY', message, details ? { details } : {});
}

/** A parameter name as qs reads it: a name, then any number of `[key]` steps. */
const PARAMETER_NAME = /^[^[\]]+(?:\[[^[\]]*\])*$/;

/**
 * Refuses a parameter name holding a forbidden key (`where[__proto__][x]`, `__proto__[x]`,
 * `where[a.constructor]`) or one qs would read otherwise than it is written (`where[a]b` loses
 * `b`, `[x]` loses its name). qs drops every `__proto__` step whatever its options
 * (`plainObjects` only keeps `constructor` and `prototype`), so names are checked here, not after.
 */
function checkParameterName(name: string): void {
  if (name === '') return; // an empty part (`a=1&&b=2`) names nothing
  const key = name.split(/[[\].]/).find(isForbiddenKey);
  if (key !== undefined) {
    bad(
      `the query parameter '${name}' uses '${key}', which no parameter or field path may hold (${FORBIDDEN_KEYS.join(', ')})`,
      { field: name, rule: 'forbidden-key' },
    );
  }
  if (!PARAMETER_NAME.test(name)) {
    bad(
      `the query parameter '${name}' is malformed: write a name and [bracketed] keys, as in where[status]`,
      {
        field: name,
        rule: 'malformed',
      },
    );
  }
}

/** The query parameters of a request URL, parsed with {@link parseQueryString}. */
export function queryParams(url: string, limits: QueryStringLimits): Record<string, unknown> {
  const index = url.indexOf('?');
  return parseQueryString(index === -1 ? '' : url.slice(index + 1), limits);
}

/**
 * Parses a raw query string into nested null-prototype objects with qs, refusing what exceeds
 * the limits and any parameter name qs would drop or cut short (see {@link checkParameterName}):
 * every name is checked as qs decodes it, so `%5B` or `%5F` spellings are caught too.
 */
export function parseQueryString(search: string, limits: QueryStringLimits): Record<string, unknown> {
  const names: string[] = [];
  let params: Record<string, unknown>;
  try {
    params = parse(search.startsWith('?') ? search.slice(1) : search, {
      depth: 8,
      strictDepth: true,
      arrayLimit: 1_000,
      parameterLimit: limits.maxParameters,
      throwOnLimitExceeded: true,
      plainObjects: true,
      decoder: (text, decode, charset, kind) => {
        const decoded = decode(text, decode, charset);
        if (kind === 'key') names.push(decoded);
        return decoded;
      },
    }) as Record<string, unknown>;
  } catch (error) {
    bad(`the query string is too large or too deep: ${(error as Error).message}`);
  }
  for (const name of names) checkParameterName(name);
  return params;
}

/**
 * A query-string value as the scalar type a schema declares (`'12'` → 12 for an integer, `'true'`
 * → true for a boolean); left as it is when it does not convert, so validation names the field.
 */
export function coerceScalar(value: unknown, type: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (type === 'integer' || type === 'number') {
    const n = Number(value);
    return value.trim() !== '' && Number.isFinite(n) ? n : value;
  }
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

function coerce(value: unknown, type: FieldType | undefined, operator: string): unknown {
  return coerceScalar(value, operator === 'exists' ? 'boolean' : type);
}

function toArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value === '' ? [] : value.split(',');
  if (value && typeof value === 'object') return Object.values(value);
  return [value];
}

function coerceCondition(field: string, value: unknown, schema: JsonSchemaObject): unknown {
  const type = fieldTypeAt(schema, field);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return coerce(value, type, 'eq');
  const out: Record<string, unknown> = {};
  for (const [operator, operand] of Object.entries(value as Record<string, unknown>)) {
    out[operator] = LIST_OPERATORS.has(operator)
      ? toArray(operand).map((item) => coerce(item, type, operator))
      : coerce(operand, type, operator);
  }
  return out;
}

function coerceWhere(where: unknown, schema: JsonSchemaObject, depth = 0): Where {
  if (depth > 8) bad('where is nested too deeply (at most 8 levels)');
  if (typeof where !== 'object' || where === null || Array.isArray(where))
    bad('where must be an object of field conditions');
  const out: Where = {};
  for (const [key, value] of Object.entries(where as Record<string, unknown>)) {
    if (key === 'not') out.not = coerceWhere(value, schema, depth + 1);
    else if (LOGIC.has(key)) out[key] = toArray(value).map((item) => coerceWhere(item, schema, depth + 1));
    else out[key] = coerceCondition(key, value, schema) as Where[string];
  }
  return out;
}

function readWhere(raw: unknown, schema: JsonSchemaObject): Where | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string') {
    try {
      return JSON.parse(raw) as Where;
    } catch {
      bad('where must be bracket parameters (where[status]=open) or a JSON object');
    }
  }
  return coerceWhere(raw, schema);
}

function readList(raw: unknown, name: string): string[] | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string') return raw.split(',').filter((part) => part !== '');
  if (Array.isArray(raw) && raw.every((part) => typeof part === 'string')) return raw as string[];
  bad(`${name} must be a comma-separated list`);
}

/** Refuses query parameters other than `allowed` with an `INVALID_QUERY` naming them and the allowed ones. */
export function assertKnownParameters(params: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(params).filter((key) => !allowed.includes(key));
  if (unknown.length > 0)
    bad(`unknown query parameter(s): ${unknown.join(', ')} (allowed: ${allowed.join(', ')})`);
}

/**
 * Reads a list query: `where[status]=open&where[amount.amount][gte]=1000&where[or][0][owner]=u1`
 * (or `where=<JSON>`), `sort=-createdAt,name`, `limit=50`, `cursor=...`, `fields=id,name`.
 * Values are converted by the field's schema type, so `gte=1000` on an integer field is a number.
 */
export function readFindQuery(params: Record<string, unknown>, schema: JsonSchemaObject): FindQuery {
  assertKnownParameters(params, ['where', 'sort', 'limit', 'cursor', 'fields']);
  const where = readWhere(params.where, schema);
  return { ...(where ? { where } : {}), ...readPage(params) };
}

/**
 * Reads the paging part of a list query with no filter: `sort`, `limit`, `cursor`, `fields` —
 * for lists whose filter is fixed (a segment's members). Any other parameter is refused.
 */
export function readPageQuery(params: Record<string, unknown>): Omit<FindQuery, 'where'> {
  assertKnownParameters(params, ['sort', 'limit', 'cursor', 'fields']);
  return readPage(params);
}

function readPage(params: Record<string, unknown>): Omit<FindQuery, 'where'> {
  const query: Omit<FindQuery, 'where'> = {};
  const sort = readList(params.sort, 'sort');
  if (sort) query.sort = sort;
  const fields = readList(params.fields, 'fields');
  if (fields) query.fields = fields;
  if (params.limit !== undefined) {
    const limit = Number(params.limit);
    if (typeof params.limit !== 'string' || !Number.isInteger(limit) || limit < 1)
      bad('limit must be a positive integer');
    query.limit = limit;
  }
  if (params.cursor !== undefined) {
    if (typeof params.cursor !== 'string') bad('cursor must be a string');
    query.cursor = params.cursor;
  }
  return query;
}

/** Reads an aggregate query: `where...&groupBy=stage&measures[n]=count&measures[total]=sum:amount.amount`. */
export function readAggregateQuery(
  params: Record<string, unknown>,
  schema: JsonSchemaObject,
): AggregateQuery {
  assertKnownParameters(params, ['where', 'groupBy', 'measures']);
  const measures = params.measures;
  if (!measures || typeof measures !== 'object' || Array.isArray(measures)) {
    bad('measures is required, e.g. measures[n]=count&measures[total]=sum:amount.amount');
  }
  for (const [name, spec] of Object.entries(measures as Record<string, unknown>)) {
    if (typeof spec !== 'string') bad(`measures[${name}] must be a string such as count or sum:<field>`);
  }
  const query: AggregateQuery = { measures: measures as Record<string, string> };
  const where = readWhere(params.where, schema);
  if (where) query.where = where;
  const groupBy = readList(params.groupBy, 'groupBy');
  if (groupBy) query.groupBy = groupBy;
  return query;
}
