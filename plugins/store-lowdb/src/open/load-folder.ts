import { dirname, resolve } from 'node:path';
import type { StoreSchema } from '@rapport/core';
import { Low } from 'lowdb';
import { closeQuietly, removeIfPresent, syncDir, writeNewFile } from '../fs/fs-helpers.js';
import type { StoreFileHandle, StoreFs } from '../fs/store-fs.js';
import { journalFileId } from '../history/file-ids.js';
import { journalFile } from '../journal/journal-files.js';
import type { JournalStart } from '../journal/journal-writer.js';
import { acquireFolderLock, type FolderLock } from '../lock/folder-lock.js';
import { emptySnapshot, type SnapshotData, SnapshotFile } from '../snapshot/snapshot-file.js';
import { Database } from '../state/database.js';
import type { StoreLogger } from '../util/logger.js';
import { errorCode } from '../util/store-errors.js';
import { loadHistory } from './load-history.js';
import { type DamagedJournal, type ReplayHistory, replayJournals } from './replay-journals.js';

/** A data folder, loaded and locked, ready to serve. */
export interface LoadedFolder {
  db: Database;
  lock: FolderLock;
  snapshot: Low<SnapshotData>;
  snapshotFile: SnapshotFile;
  journal: JournalStart;
  /** Journal files found, their intact bytes and the transactions newer than the snapshot. */
  replayed: { files: number; bytes: number; entries: number };
  /** History to move: segments to merge, records only in memory (the next compaction sees to both). */
  history: { mustMerge: boolean; unplaced: number };
}

/** What {@link loadFolder} needs besides the folder. */
export interface LoadOptions {
  /** The schema of the first `open`: which collections are history, and their indexes. */
  schema: StoreSchema;
  /** Where history records are read back from (journals and segments are opened there). */
  history: ReplayHistory;
  /** History records kept in memory after they are on disk. */
  residentHistory: number;
}

/** Cuts a torn or damaged tail off a journal; keeps a copy first when intact records follow it. */
async function cutDamage(
  fs: StoreFs,
  damaged: DamagedJournal,
  handle: StoreFileHandle | undefined,
  logger: StoreLogger,
): Promise<void> {
  const { file, decoded, buffer } = damaged;
  const { offset, reason, intactAfter } = decoded.damage;
  const dropped = buffer.length - offset;
  if (intactAfter > 0) {
    const aside = `${file.path}.damaged-${offset}`;
    try {
      await writeNewFile(fs, aside, buffer.subarray(offset));
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    logger.error(
      {
        file: file.name,
        offset,
        reason,
        droppedBytes: dropped,
        intactRecordsDropped: intactAfter,
        keptIn: aside,
      },
      'the journal is damaged in the middle, not just torn at the end; dropped everything from the damage on ' +
        '(a copy is kept aside). This is not crash damage: check the disk',
    );
  } else {
    logger.warn(
      { file: file.name, offset, reason, droppedBytes: dropped },
      'dropped a torn record at the end of the journal (a crash during a write); every transaction before it is kept',
    );
  }
  const own = handle ?? (await fs.open(file.path, 'r+'));
  try {
    await own.truncate(offset);
    await own.datasync();
  } finally {
    if (!handle) await own.close();
  }
}

/**
 * Opens a data folder: creates it if needed, takes its lock, reads the lowdb snapshot and the
 * history segments it names (indexing their records, keeping only where each lies), replays the
 * journals on top (dropping a torn tail, logged) and opens the last journal for appending.
 * On any failure the lock is released and nothing is left open.
 */
export async function loadFolder(
  fs: StoreFs,
  dir: string,
  logger: StoreLogger,
  options: LoadOptions,
): Promise<LoadedFolder> {
  await fs.mkdir(dir);
  // Best effort: make a newly created folder's own entry durable (its parent may not be ours to open).
  await syncDir(fs, dirname(resolve(dir))).catch(() => undefined);
  const lock = await acquireFolderLock(fs, dir, logger);
  let handle: StoreFileHandle | undefined;
  try {
    const snapshotFile = new SnapshotFile(fs, dir);
    await removeIfPresent(fs, snapshotFile.tempPath); // left by a crash during compaction
    const snapshot = new Low<SnapshotData>(snapshotFile, emptySnapshot());
    await snapshot.read();
    const { seq, collections, history: segments } = snapshot.data;
    const db = new Database(seq, collections, options.residentHistory);
    snapshot.data = emptySnapshot(); // the database owns the records now
    const history = await loadHistory(fs, dir, db, options.history.files, segments, options.schema);

    const replay = await replayJournals(fs, dir, db, options.history);
    const last = replay.files[replay.files.length - 1];
    const file = last ?? journalFile(dir, 1);
    handle = await fs.open(file.path, 'a');
    if (!last) await syncDir(fs, dir);
    await options.history.files.open(journalFileId(file.gen), file.path);
    let bytes = replay.lastFileBytes;
    if (replay.damaged) {
      const isLast = replay.damaged.file.gen === file.gen;
      await cutDamage(fs, replay.damaged, isLast ? handle : undefined, logger);
      if (isLast) bytes = replay.damaged.decoded.validBytes;
    }
    return {
      db,
      lock,
      snapshot,
      snapshotFile,
      journal: { file, handle, bytes, seq: db.seq },
      replayed: { files: replay.files.length, bytes: replay.bytes, entries: replay.applied },
      history: { mustMerge: history.mustMerge, unplaced: history.unplaced + replay.unplaced },
    };
  } catch (error) {
    await options.history.files.closeAll();
    await closeQuietly(handle);
    await lock.release();
    throw error;
  }
}
