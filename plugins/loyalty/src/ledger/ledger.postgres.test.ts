import { postgresStore } from '@rapport/store-postgres';
import { type TestDatabase, testDatabase } from '@rapport/store-postgres/testing';
import { afterAll, beforeAll } from 'vitest';
import { describeLedger, describeRewards } from '../test-support/ledger-suite.js';

// The same guarantees on PostgreSQL, where transactions really run side by side: the member's
// version check is what keeps concurrent redemptions from overdrawing.
let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase('rapport_loyalty');
  console.log(`loyalty ledger on PostgreSQL via ${database.origin}`);
}, 120_000);
afterAll(async () => database?.stop(), 60_000);

const postgres = () => {
  const schema = database.schema();
  return {
    create: () => postgresStore({ url: database.url, schema, max: 10 }),
    cleanup: () => database.dropSchema(schema),
  };
};

describeLedger('PostgreSQL', postgres);
describeRewards('PostgreSQL', postgres);
