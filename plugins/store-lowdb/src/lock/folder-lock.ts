import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { StoreError } from '@rapport/core';
import { removeIfPresent } from '../fs/fs-helpers.js';
import type { StoreFs } from '../fs/store-fs.js';
import type { StoreLogger } from '../util/logger.js';
import { errorCode, isNotFound, messageOf } from '../util/store-errors.js';
import { isProcessAlive } from './process-alive.js';

/** What a `LOCK` file holds. */
interface LockOwner {
  pid: number;
  hostname: string;
  since: string;
}

/** A held data-folder lock. */
export interface FolderLock {
  /** Removes the `LOCK` file (a failure is logged: the next opener takes a dead owner's lock over). */
  release(): Promise<void>;
}

/** Data folders this process holds, so a second store instance in the same process is refused too. */
const heldHere = new Set<string>();

function parseOwner(text: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isSafeInteger(owner.pid) && typeof owner.hostname === 'string') return owner as LockOwner;
  } catch {
    // not ours or damaged
  }
  return undefined;
}

async function readOwner(fs: StoreFs, path: string): Promise<LockOwner | 'missing' | 'unreadable'> {
  try {
    return parseOwner((await fs.readFile(path)).toString('utf8')) ?? 'unreadable';
  } catch (error) {
    if (isNotFound(error)) return 'missing';
    throw error;
  }
}

function inUse(dir: string, owner: LockOwner): StoreError {
  return new StoreError(
    'UNAVAILABLE',
    `the data folder ${dir} is in use by process ${owner.pid} on ${owner.hostname} (since ${owner.since}); ` +
      'only one process may open it at a time. Stop that process, or point this one at another folder',
    { details: { dir, pid: owner.pid, hostname: owner.hostname } },
  );
}

/** Links `from` to `to`; false if `to` exists. */
async function linkIfAbsent(fs: StoreFs, from: string, to: string): Promise<boolean> {
  try {
    await fs.link(from, to);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/** Is the lock `owner` held by a process that is gone (so the lock may be taken over)? */
function isStale(owner: LockOwner | 'unreadable'): boolean {
  if (owner === 'unreadable') return true; // the lock is created whole (link), so this is not a live owner's
  if (owner.hostname !== hostname()) return false; // cannot tell: assume alive
  if (owner.pid === process.pid) return true; // an earlier instance of this process, since closed
  return !isProcessAlive(owner.pid);
}

/**
 * Takes the `LOCK` file of a data folder, so only one process (and one store instance) uses it.
 * The lock is created whole and atomically (a hard link from a private temporary file, which fails
 * if `LOCK` exists) and holds `{ pid, hostname, since }`. When `LOCK` exists and its process is
 * alive, this throws `UNAVAILABLE` naming it; when that process is dead, the lock is taken over
 * (logged). A take-over itself holds `LOCK.takeover`, so two processes can never both take over.
 */
export async function acquireFolderLock(fs: StoreFs, dir: string, logger: StoreLogger): Promise<FolderLock> {
  const key = resolve(dir);
  if (heldHere.has(key)) {
    throw new StoreError(
      'UNAVAILABLE',
      `the data folder ${dir} is already open in this process (another lowdbStore instance); close that one first`,
      { details: { dir, pid: process.pid } },
    );
  }
  const lockPath = join(dir, 'LOCK');
  const claimPath = join(dir, 'LOCK.takeover');
  const tempPath = join(dir, `LOCK.${process.pid}.tmp`);
  const me: LockOwner = { pid: process.pid, hostname: hostname(), since: new Date().toISOString() };
  heldHere.add(key); // reserved while acquiring, so a concurrent open in this process is refused
  try {
    await removeIfPresent(fs, tempPath);
    const handle = await fs.open(tempPath, 'wx');
    try {
      const data = Buffer.from(`${JSON.stringify(me)}\n`);
      await handle.write(data, 0, data.length);
    } finally {
      await handle.close();
    }
    try {
      await takeLock(fs, dir, lockPath, claimPath, tempPath, logger);
    } finally {
      await removeIfPresent(fs, tempPath).catch(() => undefined);
    }
  } catch (error) {
    heldHere.delete(key);
    throw error;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(key);
      try {
        await fs.unlink(lockPath);
      } catch (error) {
        logger.warn(
          { dir, error: messageOf(error) },
          'could not remove the LOCK file; the next open takes it over',
        );
      }
    },
  };
}

async function takeLock(
  fs: StoreFs,
  dir: string,
  lockPath: string,
  claimPath: string,
  tempPath: string,
  logger: StoreLogger,
): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await linkIfAbsent(fs, tempPath, lockPath)) return;
    const owner = await readOwner(fs, lockPath);
    if (owner === 'missing') continue; // released meanwhile: try again
    if (!isStale(owner)) throw inUse(dir, owner as LockOwner);
    // Stale: take it over under LOCK.takeover, so two processes cannot both do it.
    if (!(await linkIfAbsent(fs, tempPath, claimPath))) {
      const claimer = await readOwner(fs, claimPath);
      if (claimer !== 'missing' && (claimer === 'unreadable' || isStale(claimer))) {
        await removeIfPresent(fs, claimPath);
        continue;
      }
      if (claimer !== 'missing') throw inUse(dir, claimer as LockOwner);
      continue;
    }
    try {
      const again = await readOwner(fs, lockPath);
      if (again !== 'missing') {
        if (!isStale(again)) throw inUse(dir, again as LockOwner);
        await fs.unlink(lockPath);
      }
      if (!(await linkIfAbsent(fs, tempPath, lockPath))) continue; // a regular opener got there first
      logger.warn(
        { dir, previousOwner: owner },
        `took over the lock of the data folder ${dir}: its previous owner is no longer running`,
      );
      return;
    } finally {
      await removeIfPresent(fs, claimPath).catch(() => undefined);
    }
  }
  throw new StoreError(
    'UNAVAILABLE',
    `could not take the lock of the data folder ${dir}: it keeps changing hands`,
    {
      details: { dir },
    },
  );
}
