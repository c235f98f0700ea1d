import { StoreError } from '@rapport/core';
import type { Pool, PoolConfig } from 'pg';
import { checkSchemaName, checkTablePrefix } from './schema/names.js';

/** Where the store logs: a pino logger fits; every method is optional. */
export interface StoreLogger {
  info?(details: Record<string, unknown>, message: string): void;
  warn?(details: Record<string, unknown>, message: string): void;
}

/** Options of {@link postgresStore}. Give one of `url`, `pool` or `poolConfig`. */
export interface PostgresStoreOptions {
  /** A connection string: `postgres://user:password@host:5432/database`. */
  url?: string;
  /** A pool you own: the store uses it and never ends it (`close()` leaves it open). */
  pool?: Pool;
  /** Settings for the pool the store creates (merged with `url` and `max`). */
  poolConfig?: PoolConfig;
  /** The PostgreSQL schema holding the tables (default `public`); created on open when missing. */
  schema?: string;
  /** Prefix of every table name (default `rapport_`): letters, digits and `_`. */
  tablePrefix?: string;
  /** Connections in the pool the store creates (default 10). */
  max?: number;
  /**
   * Name the fixed statements (get, insert, update, delete) so each connection parses them
   * once (default `true`). Turn off behind a pooler that cannot keep prepared statements.
   */
  preparedStatements?: boolean;
  /** Where migrations and idle-connection errors are logged (default: warnings to stderr). */
  logger?: StoreLogger;
}

/** Options after defaults and checks. */
export interface ResolvedOptions {
  schema: string;
  prefix: string;
  prepared: boolean;
  logger: StoreLogger;
  /** The pool given by the caller, if any. */
  pool?: Pool;
  /** How to build the store's own pool otherwise. */
  poolConfig: PoolConfig;
}

const defaultLogger: StoreLogger = {
  warn: (details, message) => console.warn(`store-postgres: ${message}`, details),
};

/** Applies defaults and refuses contradictory or unsafe options with `INVALID`. */
export function resolveOptions(options: PostgresStoreOptions): ResolvedOptions {
  const given = [options.url !== undefined, options.pool !== undefined, options.poolConfig !== undefined];
  if (
    options.pool &&
    (options.url !== undefined || options.poolConfig !== undefined || options.max !== undefined)
  ) {
    throw new StoreError(
      'INVALID',
      'postgresStore: give either a pool, or url/poolConfig/max to build one, not both',
      {
        details: { option: 'pool' },
      },
    );
  }
  if (!given.some(Boolean)) {
    throw new StoreError('INVALID', 'postgresStore needs a url, a pool or a poolConfig', {
      details: { option: 'url' },
    });
  }
  if (options.url !== undefined && (typeof options.url !== 'string' || options.url === '')) {
    throw new StoreError('INVALID', 'postgresStore: url must be a non-empty connection string', {
      details: { option: 'url' },
    });
  }
  if (options.max !== undefined && !(Number.isInteger(options.max) && options.max >= 1)) {
    throw new StoreError(
      'INVALID',
      `postgresStore: max must be a positive integer, got ${String(options.max)}`,
      {
        details: { option: 'max' },
      },
    );
  }
  const schema = options.schema ?? 'public';
  const prefix = options.tablePrefix ?? 'rapport_';
  checkSchemaName(schema);
  checkTablePrefix(prefix);
  const base = options.poolConfig ?? {};
  return {
    schema,
    prefix,
    prepared: options.preparedStatements ?? true,
    logger: options.logger ?? defaultLogger,
    ...(options.pool ? { pool: options.pool } : {}),
    poolConfig: {
      ...base,
      ...(options.url !== undefined ? { connectionString: options.url } : {}),
      max: options.max ?? base.max ?? 10,
      connectionTimeoutMillis: base.connectionTimeoutMillis ?? 30_000,
      application_name: base.application_name ?? 'rapport',
      // Send queued statements without waiting for each answer (BEGIN travels with the first write).
      pipeline: base.pipeline ?? true,
    },
  };
}
