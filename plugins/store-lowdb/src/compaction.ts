import type { Low } from 'lowdb';
import { closeQuietly, removeIfPresent, syncDir } from './fs/fs-helpers.js';
import type { StoreFs } from './fs/store-fs.js';
import { journalFile, listJournals } from './journal/journal-files.js';
import type { JournalWriter } from './journal/journal-writer.js';
import { emptySnapshot, type SnapshotData } from './snapshot/snapshot-file.js';
import type { Database } from './state/database.js';

/** What a compaction works on. */
export interface CompactionContext {
  fs: StoreFs;
  dir: string;
  db: Database;
  journal: JournalWriter;
  snapshot: Low<SnapshotData>;
  /** Hands out journal generations, so a failed attempt never reuses a file name. */
  nextGen(): number;
}

/**
 * Rewrites the snapshot and drops the journal it replaces, in the shape of Redis's AOF rewrite:
 * 1. create the next journal file and make its directory entry durable;
 * 2. in one synchronous step, capture the state as of the last committed transaction `seq` and
 *    send every later transaction to the new journal;
 * 3. wait until the old journal is durable up to `seq`;
 * 4. write the lowdb snapshot of the captured state (sliced, fsynced, renamed into place);
 * 5. delete the older journals.
 * A crash at any step leaves files that reopen to the same state: the old snapshot with every
 * journal, or the new snapshot with journals whose older records are skipped.
 *
 * @returns the sequence number the new snapshot holds.
 */
export async function compact(ctx: CompactionContext): Promise<number> {
  const { fs, dir, db, journal, snapshot } = ctx;
  const next = journalFile(dir, ctx.nextGen());
  const handle = await fs.open(next.path, 'wx');
  try {
    await syncDir(fs, dir);
  } catch (error) {
    await closeQuietly(handle);
    await removeIfPresent(fs, next.path).catch(() => undefined);
    throw error;
  }
  // One synchronous step: no transaction can commit between the capture and the switch.
  const seq = db.seq;
  const captured = db.capture();
  journal.switchTo(next, handle, seq);

  await journal.waitDurable(seq);
  snapshot.data = { format: 1, seq, collections: captured };
  try {
    await snapshot.write();
  } finally {
    snapshot.data = emptySnapshot(); // do not keep replaced records alive
  }
  for (const file of await listJournals(fs, dir)) {
    if (file.gen < next.gen) await removeIfPresent(fs, file.path);
  }
  return seq;
}
