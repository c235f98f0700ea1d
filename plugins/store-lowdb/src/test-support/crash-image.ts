import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type LowdbStore, lowdbStore } from '../lowdb-store.js';
import { TEST_SCHEMA } from './fixtures.js';
import { memoryLogger } from './memory-logger.js';
import { removeDir, tempDir } from './temp-dir.js';

/**
 * The files a crash would leave: runs `writes` on a store in a scratch folder and copies the
 * folder while that store is still open (its LOCK names this process, which the next open takes
 * over). Returns the copy's path.
 */
export async function crashImage(writes: (store: LowdbStore) => Promise<void>): Promise<string> {
  const live = await tempDir('rapport-lowdb-live-');
  const store = lowdbStore({ dir: live, logger: memoryLogger() });
  await store.open(TEST_SCHEMA);
  await writes(store);
  const image = await tempDir('rapport-lowdb-image-');
  await cp(live, image, { recursive: true });
  await store.close();
  await removeDir(live);
  return image;
}

/** The journal files of a folder, oldest first. */
export async function journalsOf(dir: string): Promise<string[]> {
  return (await readdir(dir))
    .filter((name) => /^journal-\d+\.log$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}
