import { describeUserSessions } from '@rapport/testing';
import { postgresStore } from './pg-store.js';
import { dropSchema, postgresUrl, uniqueSchema } from './test-support/database.js';

describeUserSessions('postgres', () => {
  const schema = uniqueSchema('users');
  return {
    create: () => postgresStore({ url: postgresUrl(), schema, max: 3 }),
    cleanup: () => dropSchema(schema),
  };
});
