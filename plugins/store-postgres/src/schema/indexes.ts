import type { CollectionSpec, IndexSpec } from '@rapport/core';
import { fieldSql, indexKeySql } from '../sql/fields.js';
import { MAX_IDENTIFIER_BYTES, shortHash } from './names.js';

/** An index to keep for a collection, with its DDL and a name derived from its definition. */
export interface PlannedIndex {
  collection: string;
  /** The deterministic index name: readable start plus a hash of the definition. */
  name: string;
  fields: string[];
  unique: boolean;
  /** The expression list and predicate; any change gives a new name (a new index). */
  definition: string;
  /** `CREATE [UNIQUE] INDEX IF NOT EXISTS …` for the qualified table. */
  create(qualifiedTable: string, quotedName: string): string;
}

/**
 * Plans the btree index for an {@link IndexSpec}: one expression per field, exactly the
 * expression queries use (the typed key of a declared scalar, else the `jsonb` value with JSON
 * null as NULL). Non-unique indexes end with `id`, the last key of every sort, so a filtered
 * page in id order reads straight from the index. Unique indexes leave out rows where a field
 * is missing or null (those never conflict), as the query language's unique indexes do.
 */
export function planIndex(table: string, spec: CollectionSpec, index: IndexSpec): PlannedIndex {
  const fields = index.fields.map((path) => fieldSql(spec.schema, path, ''));
  const unique = index.unique === true;
  const columns = fields.map((field) => (field.system ? indexKeySql(field) : `(${indexKeySql(field)})`));
  if (!unique && !index.fields.includes('id')) columns.push('id');
  const predicate = unique
    ? fields
        .filter((field) => !field.system)
        .map((field) => `(${indexKeySql(field)}) IS NOT NULL`)
        .join(' AND ')
    : '';
  const definition = `${unique ? 'unique ' : ''}(${columns.join(', ')})${predicate ? ` WHERE ${predicate}` : ''}`;
  const readable = `${table}__${index.fields.join('_')}`.replace(/[^A-Za-z0-9_]/g, '_');
  const hash = shortHash(`${table}|${definition}`, 10);
  const name = `${readable.slice(0, MAX_IDENTIFIER_BYTES - hash.length - 1)}_${hash}`;
  return {
    collection: spec.name,
    name,
    fields: [...index.fields],
    unique,
    definition,
    create: (qualifiedTable, quotedName) =>
      `CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quotedName} ON ${qualifiedTable} (${columns.join(', ')})${
        predicate ? ` WHERE ${predicate}` : ''
      }`,
  };
}
