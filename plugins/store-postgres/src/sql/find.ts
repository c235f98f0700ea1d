import type { JsonSchemaObject, StoreFindQuery } from '@rapport/core';
import { Params } from './params.js';
import { keysetSql, orderBySql } from './sort.js';
import { whereSql } from './where.js';

/** A statement and its bound values. */
export interface SqlStatement {
  text: string;
  values: unknown[];
}

/**
 * The `SELECT` of a find: the where clause, the keyset condition for `after`, the sort's
 * `ORDER BY` and the limit, every caller value bound as a parameter.
 */
export function findStatement(table: string, schema: JsonSchemaObject, query: StoreFindQuery): SqlStatement {
  const params = new Params();
  const conditions = [whereSql(query.where, { schema, alias: 't', params })];
  if (query.after) conditions.push(keysetSql(query.sort, query.after, schema, 't', params));
  const limit = Number.isFinite(query.limit) ? Math.max(0, Math.floor(query.limit)) : 0;
  const order = query.sort.length > 0 ? orderBySql(query.sort, schema, 't') : 't.id';
  const text =
    `SELECT t.id, t.created_at, t.updated_at, t.version, t.data FROM ${table} AS t ` +
    `WHERE ${conditions.join(' AND ')} ORDER BY ${order} LIMIT ${params.add(limit, 'bigint')}`;
  return { text, values: params.values };
}
