import type { Low } from 'lowdb';
import { closeQuietly, removeIfPresent, syncDir } from './fs/fs-helpers.js';
import type { StoreFs } from './fs/store-fs.js';
import {
  planHistory,
  releasePlan,
  relocateHistory,
  shouldMerge,
  writeHistory,
} from './history/compact-history.js';
import { generationOf, isJournalFile, journalFileId, segmentFileId } from './history/file-ids.js';
import type { ReadFiles } from './history/read-files.js';
import { listSegments, segmentPath } from './history/segment-file.js';
import { segmentInfo } from './history/segment-table.js';
import { journalFile, listJournals } from './journal/journal-files.js';
import type { JournalWriter } from './journal/journal-writer.js';
import { emptySnapshot, SNAPSHOT_FORMAT, type SnapshotData } from './snapshot/snapshot-file.js';
import type { Database } from './state/database.js';

/** What a compaction works on. */
export interface CompactionContext {
  fs: StoreFs;
  dir: string;
  db: Database;
  journal: JournalWriter;
  snapshot: Low<SnapshotData>;
  /** Where history records are read from; the new journal is opened there too. */
  files: ReadFiles;
  /** Merge the history segments whatever their state (they hold what must leave them). */
  forceMerge: boolean;
  /** Hands out journal generations, so a failed attempt never reuses a file name. */
  nextGen(): number;
}

/**
 * Rewrites the snapshot and drops the journal it replaces, in the shape of Redis's AOF rewrite:
 * 1. create the next journal file and make its directory entry durable;
 * 2. in one synchronous step, capture the state as of the last committed transaction `seq` and
 *    send every later transaction to the new journal;
 * 3. wait until the old journal is durable up to `seq`;
 * 4. write the history records not yet in a segment (all of them when merging) to a new segment,
 *    synced; then the lowdb snapshot of the other collections, naming the segments (sliced,
 *    fsynced, renamed into place);
 * 5. read history records from the new segment from now on; delete the older journals and the
 *    segments a merge replaced.
 * A crash at any step leaves files that reopen to the same state: the old snapshot with its
 * segments and every journal (a new segment no snapshot names is removed on open), or the new
 * snapshot with its segments and journals whose older records are skipped.
 *
 * @returns the sequence number the new snapshot holds.
 */
export async function compact(ctx: CompactionContext): Promise<number> {
  const { fs, dir, db, journal, snapshot, files } = ctx;
  const next = journalFile(dir, ctx.nextGen());
  const handle = await fs.open(next.path, 'wx');
  try {
    await syncDir(fs, dir);
    await files.open(journalFileId(next.gen), next.path);
  } catch (error) {
    files.retire(journalFileId(next.gen));
    await closeQuietly(handle);
    await removeIfPresent(fs, next.path).catch(() => undefined);
    throw error;
  }
  // One synchronous step: no transaction can commit between the capture and the switch.
  const seq = db.seq;
  const captured = db.capture();
  const plan = planHistory(db, files, shouldMerge(db, ctx.forceMerge));
  journal.switchTo(next, handle, seq);

  let written: Awaited<ReturnType<typeof writeHistory>>;
  try {
    await journal.waitDurable(seq);
    written = await writeHistory({ fs, dir, files, gen: next.gen }, plan);
    if (written) await files.open(written.state.file, segmentPath(dir, next.gen));
    const history = written ? [...plan.keep, segmentInfo(written.state)] : plan.keep;
    snapshot.data = { format: SNAPSHOT_FORMAT, seq, collections: captured, history };
    try {
      await snapshot.write();
    } finally {
      snapshot.data = emptySnapshot(); // do not keep replaced records alive
    }
  } catch (error) {
    files.retire(segmentFileId(next.gen)); // nothing reads from a segment no snapshot names for sure
    throw error;
  } finally {
    releasePlan(plan, files);
  }
  relocateHistory(db, plan, written, next.gen);
  files.retireIf((file) =>
    isJournalFile(file) ? generationOf(file) < next.gen : plan.replaced.includes(file),
  );
  for (const file of await listJournals(fs, dir)) {
    if (file.gen < next.gen) await removeIfPresent(fs, file.path);
  }
  const kept = new Set(db.segments.segments.map((segment) => segment.gen));
  for (const gen of await listSegments(fs, dir)) {
    if (!kept.has(gen)) await removeIfPresent(fs, segmentPath(dir, gen));
  }
  return seq;
}
