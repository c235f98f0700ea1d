import { StoreError } from '@rapport/core';
import type { PoolClient } from 'pg';
import { toStoreError } from '../errors.js';
import { type CollectionModel, createTableSql } from './collection.js';
import { fitIdentifier, qualified, quoteIdent } from './names.js';

/** The layout version this adapter writes; a database marked with a newer one is refused. */
export const STORE_FORMAT = 1;

/** Something that can note what a migration did (a pino logger fits). */
export interface MigrationLogger {
  info(details: Record<string, unknown>, message: string): void;
}

/** What one `open` changed. */
export interface MigrationReport {
  /** Keys of the steps applied now (`table:deal`, `index:rapport_deal__stage_ab12…`). */
  applied: string[];
  /** Recorded indexes of these collections that the schema no longer declares (never dropped). */
  undeclared: string[];
}

interface Options {
  schema: string;
  prefix: string;
  collections: CollectionModel[];
  logger?: MigrationLogger;
}

interface Step {
  key: string;
  kind: 'table' | 'index';
  collection: string;
  object: string;
  definition: string;
  run(): Promise<void>;
}

/** The name of the table that records applied steps. */
export function migrationsTable(prefix: string): string {
  return fitIdentifier(`${prefix}schema_migrations`);
}

const REQUIRED_COLUMNS: Record<string, string> = {
  id: 'text',
  created_at: 'text',
  updated_at: 'text',
  version: 'integer',
  data: 'jsonb',
};

async function checkExistingTable(client: PoolClient, schema: string, model: CollectionModel): Promise<void> {
  const { rows } = await client.query<{ name: string; type: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped`,
    [schema, model.table],
  );
  const found = new Map(rows.map((row) => [row.name, row.type]));
  const wrong = Object.entries(REQUIRED_COLUMNS).filter(([name, type]) => found.get(name) !== type);
  if (wrong.length > 0) {
    throw new StoreError(
      'INVALID',
      `table ${model.qualifiedTable} exists but is not a Rapport collection table (needs ${wrong
        .map(([name, type]) => `${name} ${type}`)
        .join(', ')}); rename it or choose another tablePrefix`,
      { details: { table: model.table, collection: model.spec.name } },
    );
  }
}

/**
 * Brings the database up to the schema, in one transaction under a transaction-level advisory
 * lock keyed by (PG schema, table prefix), so processes starting together run it one after
 * another and the later ones find nothing to do. Creates the PG schema, the migrations table,
 * each missing collection table and each missing index, and records every step (key, object,
 * definition, time) in `<prefix>schema_migrations`. Steps already recorded whose object exists
 * run no DDL at all, so a routine start needs no CREATE privilege. Nothing is ever dropped.
 */
export async function migrate(client: PoolClient, options: Options): Promise<MigrationReport> {
  const { schema, prefix, collections, logger } = options;
  const table = migrationsTable(prefix);
  const migrations = qualified(schema, table);
  const applied: string[] = [];
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `rapport-store:${schema}:${prefix}`,
    ]);
    const namespace = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (namespace.rowCount === 0) await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);

    const names = [
      table,
      ...collections.flatMap((model) => [model.table, ...model.indexes.map((i) => i.name)]),
    ];
    const existing = new Set(
      (
        await client.query<{ relname: string }>(
          `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relname = ANY($2::text[])`,
          [schema, names],
        )
      ).rows.map((row) => row.relname),
    );
    if (!existing.has(table)) {
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${migrations} (key text COLLATE "C" PRIMARY KEY, kind text NOT NULL, ` +
          `collection text, object_name text NOT NULL, definition text NOT NULL, ` +
          `applied_at timestamptz NOT NULL DEFAULT now())`,
      );
    }
    const recorded = new Map(
      (
        await client.query<{ key: string; definition: string }>(`SELECT key, definition FROM ${migrations}`)
      ).rows.map((row) => [row.key, row.definition]),
    );

    const format = recorded.get('format');
    const version =
      format === undefined ? undefined : Number((JSON.parse(format) as { version?: unknown }).version);
    if (version !== undefined && !(version <= STORE_FORMAT)) {
      throw new StoreError(
        'INVALID',
        `schema ${JSON.stringify(schema)} was written by a newer store-postgres (format ${version}; this one knows ${STORE_FORMAT}): upgrade @rapport/store-postgres`,
        { details: { schema, format: version, supported: STORE_FORMAT } },
      );
    }

    const record = async (step: Omit<Step, 'run'>): Promise<void> => {
      await client.query(
        `INSERT INTO ${migrations} (key, kind, collection, object_name, definition) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (key) DO UPDATE SET definition = EXCLUDED.definition, object_name = EXCLUDED.object_name`,
        [step.key, step.kind, step.collection, step.object, step.definition],
      );
    };
    if (version === undefined) {
      await client.query(
        `INSERT INTO ${migrations} (key, kind, collection, object_name, definition) VALUES ('format', 'format', NULL, $1, $2)`,
        [table, JSON.stringify({ version: STORE_FORMAT })],
      );
      applied.push('format');
    }

    const steps: Step[] = [];
    for (const model of collections) {
      steps.push({
        key: `table:${model.spec.name}`,
        kind: 'table',
        collection: model.spec.name,
        object: model.table,
        definition: JSON.stringify({ table: model.table, columns: REQUIRED_COLUMNS }),
        run: async () => {
          if (existing.has(model.table)) await checkExistingTable(client, schema, model);
          else await client.query(createTableSql(model.qualifiedTable));
        },
      });
      for (const index of model.indexes) {
        steps.push({
          key: `index:${index.name}`,
          kind: 'index',
          collection: model.spec.name,
          object: index.name,
          definition: JSON.stringify({ fields: index.fields, unique: index.unique, sql: index.definition }),
          run: async () => {
            if (existing.has(index.name)) return;
            try {
              await client.query(index.create(model.qualifiedTable, quoteIdent(index.name)));
            } catch (error) {
              if ((error as { code?: unknown }).code === '23505') {
                throw new StoreError(
                  'CONFLICT',
                  `cannot add the unique index on ${model.spec.name}(${index.fields.join(', ')}): existing records share a value`,
                  {
                    details: { collection: model.spec.name, fields: index.fields, index: index.name },
                    cause: error,
                  },
                );
              }
              throw error;
            }
          },
        });
      }
    }
    for (const step of steps) {
      if (recorded.get(step.key) === step.definition && existing.has(step.object)) continue;
      await step.run();
      await record(step);
      applied.push(step.key);
    }

    const planned = new Set(steps.map((step) => step.key));
    const ours = new Set(collections.map((model) => model.spec.name));
    const undeclared = (
      await client.query<{ key: string; collection: string | null }>(
        `SELECT key, collection FROM ${migrations} WHERE kind = 'index'`,
      )
    ).rows
      .filter((row) => row.collection !== null && ours.has(row.collection) && !planned.has(row.key))
      .map((row) => row.key);
    await client.query('COMMIT');
    if (applied.length > 0) logger?.info({ schema, applied }, 'store-postgres migrated the database schema');
    if (undeclared.length > 0) {
      logger?.info(
        { schema, undeclared },
        'store-postgres keeps indexes the schema no longer declares; drop them by hand if nothing uses them',
      );
    }
    return { applied, undeclared };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw toStoreError(error, `opening schema ${JSON.stringify(schema)}`);
  }
}
