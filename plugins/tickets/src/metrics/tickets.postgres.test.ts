import { postgresStore } from '@rapport/store-postgres';
import { type TestDatabase, testDatabase } from '@rapport/store-postgres/testing';
import { afterAll, beforeAll } from 'vitest';
import { describeTicketsOnStore } from '../test-support/store-suite.js';

// The same hand-computed metrics and SLA moves on PostgreSQL, where aggregates and the threshold
// range query are pushed down to SQL.
let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase('rapport_tickets');
  console.log(`tickets on PostgreSQL via ${database.origin}`);
}, 120_000);
afterAll(async () => database?.stop(), 60_000);

describeTicketsOnStore('PostgreSQL', () => {
  const schema = database.schema();
  return {
    create: () => postgresStore({ url: database.url, schema, max: 10 }),
    cleanup: () => database.dropSchema(schema),
  };
});
