import { describeStoreConformance } from '@rapport/testing';
import { lowdbStore } from './lowdb-store.js';
import { memoryLogger } from './test-support/memory-logger.js';
import { removeDir, tempDir } from './test-support/temp-dir.js';

describeStoreConformance('lowdb', async () => {
  const dir = await tempDir();
  return { create: () => lowdbStore({ dir, logger: memoryLogger() }), cleanup: () => removeDir(dir) };
});

describeStoreConformance('lowdb, compacting after every transaction', async () => {
  const dir = await tempDir();
  return {
    create: () => lowdbStore({ dir, logger: memoryLogger(), compactAfterEntries: 1 }),
    cleanup: () => removeDir(dir),
  };
});

describeStoreConformance(
  'lowdb, history records read from disk, compacting after every transaction',
  async () => {
    const dir = await tempDir();
    return {
      create: () => lowdbStore({ dir, logger: memoryLogger(), compactAfterEntries: 1, historyInMemory: 0 }),
      cleanup: () => removeDir(dir),
    };
  },
);
