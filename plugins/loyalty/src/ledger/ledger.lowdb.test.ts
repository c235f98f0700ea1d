import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lowdbStore } from '@rapport/store-lowdb';
import { describeLedger, describeRewards } from '../test-support/ledger-suite.js';

const lowdb = () => {
  let dir = '';
  return {
    create: async () => {
      dir = await mkdtemp(join(tmpdir(), 'rapport-loyalty-'));
      return lowdbStore({ dir });
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
};

describeLedger('lowdb', lowdb);
describeRewards('lowdb', lowdb);
