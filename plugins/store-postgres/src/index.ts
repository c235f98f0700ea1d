export type { PostgresStoreOptions, StoreLogger } from './options.js';
export { type PostgresStore, postgresStore } from './pg-store.js';
export type { MigrationReport } from './schema/migrate.js';
export { STORE_FORMAT } from './schema/migrate.js';
export type { SqlStatement } from './sql/find.js';
