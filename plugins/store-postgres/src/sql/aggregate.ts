import {
  type AggregateRow,
  type JsonSchemaObject,
  type JsonValue,
  PERCENTILES,
  type StoreAggregateQuery,
} from '@rapport/core';
import { booleanKeySql, fieldSql, jsonTextKeySql, numberKeySql, rankSql, textKeySql } from './fields.js';
import type { Params } from './params.js';
import { whereSql } from './where.js';

/** A compiled aggregate: the statement and how to turn its rows into {@link AggregateRow}s. */
export interface AggregateStatement {
  text: string;
  decode(rows: Record<string, unknown>[]): AggregateRow[];
}

/** A field's value as `jsonb` with JSON null (and missing) as NULL: what groups and measures read. */
function valueSql(schema: JsonSchemaObject, path: string): string {
  const field = fieldSql(schema, path, 't');
  return field.system ? field.json : `nullif(${field.json}, 'null'::jsonb)`;
}

/** The parts that order `jsonb` values as the query language does (rank, then per type). */
function orderOf(json: string): string[] {
  return [rankSql(json), booleanKeySql(json), numberKeySql(json), textKeySql(json), jsonTextKeySql(json)];
}

/** min/max in sort order: the extreme rank, then the extreme value of that type. */
function extremeSql(json: string, fn: 'min' | 'max'): string {
  const bool = fn === 'min' ? 'bool_and' : 'bool_or';
  return (
    `(CASE ${fn}(${rankSql(json)})` +
    ` WHEN 0 THEN to_jsonb(${bool}(${booleanKeySql(json)}))` +
    ` WHEN 1 THEN to_jsonb(${fn}(${numberKeySql(json)}))` +
    ` WHEN 2 THEN to_jsonb(${fn}(${textKeySql(json)}))` +
    ` WHEN 3 THEN (${fn}(${jsonTextKeySql(json)}))::jsonb END)`
  );
}

function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/**
 * Compiles an aggregate to one statement: an inner select reads each group and measured
 * field as `jsonb` (JSON null and missing both NULL), the outer one groups and orders the
 * groups like `sort` (type rank, then value; NULL last). `count` is exact; `sum` and `avg` add
 * JSON numbers as `numeric` (exact, rounded once to a double); `min`/`max` follow sort order
 * across types. Without `groupBy` there is exactly one row.
 */
export function aggregateStatement(
  table: string,
  schema: JsonSchemaObject,
  query: StoreAggregateQuery,
  params: Params,
): AggregateStatement {
  const inner: string[] = [];
  const groups = query.groupBy.map((path, i) => {
    inner.push(`${valueSql(schema, path)} AS g${i}`);
    return `s.g${i}`;
  });
  const values = new Map<string, string>();
  const measured = (path: string): string => {
    let ref = values.get(path);
    if (!ref) {
      ref = `s.v${values.size}`;
      inner.push(`${valueSql(schema, path)} AS v${values.size}`);
      values.set(path, ref);
    }
    return ref;
  };
  const outer: string[] = groups.map((ref, i) => `${ref} AS g${i}`);
  for (const [i, measure] of query.measures.entries()) {
    if (measure.fn === 'count') {
      outer.push(`count(*) AS m${i}`);
      continue;
    }
    const value = measured(measure.field ?? '');
    if (measure.fn === 'sum' || measure.fn === 'avg') {
      outer.push(`sum(${numberKeySql(value)})::text AS m${i}`, `count(${numberKeySql(value)}) AS n${i}`);
    } else if (measure.fn === 'median' || measure.fn === 'p90') {
      // a constant of the code, never the caller's: the fraction goes into the text as a literal
      const fraction = PERCENTILES[measure.fn];
      outer.push(`percentile_cont(${fraction}) WITHIN GROUP (ORDER BY ${numberKeySql(value)}) AS m${i}`);
    } else {
      outer.push(`${extremeSql(value, measure.fn)} AS m${i}`);
    }
  }
  const where = whereSql(query.where, { schema, alias: 't', params });
  const source = `SELECT ${inner.length > 0 ? inner.join(', ') : '1 AS one'} FROM ${table} AS t WHERE ${where}`;
  const grouped = groups.length > 0;
  const text =
    `SELECT ${outer.join(', ')} FROM (${source}) AS s` +
    (grouped ? ` GROUP BY ${groups.join(', ')} ORDER BY ${groups.flatMap(orderOf).join(', ')}` : '');

  return {
    text,
    decode: (rows) =>
      rows.map((row) => {
        const result: AggregateRow = {};
        for (const [i, path] of query.groupBy.entries()) result[path] = (row[`g${i}`] ?? null) as JsonValue;
        for (const [i, measure] of query.measures.entries()) {
          const value = row[`m${i}`];
          if (measure.fn === 'count') result[measure.name] = toNumber(value);
          else if (measure.fn === 'sum') result[measure.name] = value === null ? 0 : toNumber(value);
          else if (measure.fn === 'median' || measure.fn === 'p90')
            result[measure.name] = value === null || value === undefined ? null : toNumber(value);
          else if (measure.fn === 'avg') {
            const n = toNumber(row[`n${i}`]);
            result[measure.name] = n === 0 || value === null ? null : toNumber(value) / n;
          } else result[measure.name] = (value ?? null) as JsonValue;
        }
        return result;
      }),
  };
}
