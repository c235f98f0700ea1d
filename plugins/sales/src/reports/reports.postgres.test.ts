import { postgresStore } from '@rapport/store-postgres';
import { type TestDatabase, testDatabase } from '@rapport/store-postgres/testing';
import { afterAll, beforeAll } from 'vitest';
import { describeCalendarBoundaries } from '../test-support/calendar-suite.js';
import { describeSalesReports } from '../test-support/report-suite.js';

// The same hand-computed reports (and round-robin under concurrency) on PostgreSQL: the
// aggregates are pushed down to SQL there, so this is the check that they answer the same.
let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase('rapport_sales');
  console.log(`sales reports on PostgreSQL via ${database.origin}`);
}, 120_000);
afterAll(async () => database?.stop(), 60_000);

/** A fresh schema per suite (and per kernel of a suite), dropped afterwards. */
const freshSchema = () => {
  const schema = database.schema();
  return {
    create: () => postgresStore({ url: database.url, schema, max: 10 }),
    cleanup: () => database.dropSchema(schema),
  };
};

describeSalesReports('PostgreSQL', freshSchema);
describeCalendarBoundaries('PostgreSQL', freshSchema);
