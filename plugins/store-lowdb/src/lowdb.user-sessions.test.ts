import { describeUserSessions } from '@rapport/testing';
import { lowdbStore } from './lowdb-store.js';
import { memoryLogger } from './test-support/memory-logger.js';
import { removeDir, tempDir } from './test-support/temp-dir.js';

describeUserSessions('lowdb', async () => {
  const dir = await tempDir();
  return { create: () => lowdbStore({ dir, logger: memoryLogger() }), cleanup: () => removeDir(dir) };
});
