import { postgresStore } from '@rapport/store-postgres';
import { afterAll, beforeAll } from 'vitest';
import { type TestDatabase, testDatabase } from '../test-support/postgres.js';
import { describeSalesReports } from '../test-support/report-suite.js';

// The same hand-computed reports (and round-robin under concurrency) on PostgreSQL: the
// aggregates are pushed down to SQL there, so this is the check that they answer the same.
let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase();
  console.log(`sales reports on PostgreSQL via ${database.origin}`);
}, 120_000);
afterAll(async () => database?.stop(), 60_000);

describeSalesReports('PostgreSQL', () => {
  const schema = `rapport_sales_${Math.random().toString(36).slice(2, 10)}`;
  return {
    create: () => postgresStore({ url: database.url, schema, max: 10 }),
    cleanup: () => database.dropSchema(schema),
  };
});
