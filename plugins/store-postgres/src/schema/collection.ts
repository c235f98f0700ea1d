import type { CollectionSpec, IndexSpec } from '@rapport/core';
import { type PlannedIndex, planIndex } from './indexes.js';
import { qualified, shortHash, tableNameOf } from './names.js';

/** The fixed statements of one collection (prepared once per connection under `name`). */
export interface CollectionStatements {
  get: { name: string; text: string };
  insert: { name: string; text: string };
  update: { name: string; text: string };
  remove: { name: string; text: string };
  removeVersioned: { name: string; text: string };
  version: { name: string; text: string };
}

/** Everything the store knows about one collection after `open`. */
export interface CollectionModel {
  spec: CollectionSpec;
  /** Unqualified table name. */
  table: string;
  /** `"schema"."table"`. */
  qualifiedTable: string;
  indexes: PlannedIndex[];
  unique: IndexSpec[];
  statements: CollectionStatements;
}

const COLUMNS = 'id, created_at, updated_at, version, data';

function statement(text: string): { name: string; text: string } {
  return { name: `rapport_${shortHash(text, 20)}`, text };
}

/** `CREATE TABLE` of a collection: system fields as columns (C collation: binary order), the rest as jsonb. */
export function createTableSql(qualifiedTable: string): string {
  return (
    `CREATE TABLE IF NOT EXISTS ${qualifiedTable} (` +
    `id text COLLATE "C" PRIMARY KEY, ` +
    `created_at text COLLATE "C" NOT NULL, ` +
    `updated_at text COLLATE "C" NOT NULL, ` +
    `version integer NOT NULL, ` +
    `data jsonb NOT NULL)`
  );
}

/** Builds the model of a collection: its table, indexes and fixed statements. */
export function collectionModel(schema: string, prefix: string, spec: CollectionSpec): CollectionModel {
  const table = tableNameOf(prefix, spec.name);
  const q = qualified(schema, table);
  return {
    spec,
    table,
    qualifiedTable: q,
    indexes: spec.indexes.map((index) => planIndex(table, spec, index)),
    unique: spec.indexes.filter((index) => index.unique === true),
    statements: {
      get: statement(`SELECT ${COLUMNS} FROM ${q} WHERE id = $1`),
      insert: statement(
        `INSERT INTO ${q} (${COLUMNS}) VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT DO NOTHING`,
      ),
      update: statement(
        `UPDATE ${q} SET created_at = $2, updated_at = $3, version = $4, data = $5::jsonb WHERE id = $1 AND version = $6`,
      ),
      remove: statement(`DELETE FROM ${q} WHERE id = $1`),
      removeVersioned: statement(`DELETE FROM ${q} WHERE id = $1 AND version = $2`),
      version: statement(`SELECT version FROM ${q} WHERE id = $1`),
    },
  };
}
