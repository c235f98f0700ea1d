import { describeStoreConformance } from '@rapport/testing';
import { postgresStore } from './pg-store.js';
import { adminPool, dropSchema, postgresUrl, uniqueSchema } from './test-support/database.js';

adminPool();

describeStoreConformance('postgres', () => {
  const schema = uniqueSchema('conf');
  return {
    create: () => postgresStore({ url: postgresUrl(), schema }),
    cleanup: () => dropSchema(schema),
  };
});

// The same suite on connections that neither pipeline nor keep prepared statements, as behind
// a transaction-mode pooler or with a pool the caller configured that way.
describeStoreConformance('postgres (no pipelining, no prepared statements)', () => {
  const schema = uniqueSchema('conf');
  return {
    create: () =>
      postgresStore({
        url: postgresUrl(),
        schema,
        poolConfig: { pipeline: false },
        preparedStatements: false,
      }),
    cleanup: () => dropSchema(schema),
  };
});
