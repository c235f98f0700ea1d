import { StoreError } from '@rapport/core';
import type { StoreFs } from '../fs/store-fs.js';
import { type JournalFile, listJournals } from '../journal/journal-files.js';
import { type DecodedJournal, decodeJournal } from '../journal/record-codec.js';
import type { Database } from '../state/database.js';

/** A journal file whose end must be cut off: it holds damage after its intact records. */
export interface DamagedJournal {
  file: JournalFile;
  decoded: DecodedJournal & { damage: NonNullable<DecodedJournal['damage']> };
  /** The file's bytes (the dropped part is kept aside when intact records follow the damage). */
  buffer: Buffer;
}

/** What replaying the journals found. */
export interface ReplayResult {
  files: JournalFile[];
  /** Transactions applied (those newer than the snapshot). */
  applied: number;
  /** Bytes of intact records in every journal file. */
  bytes: number;
  /** Intact bytes of the last file (where appending resumes). */
  lastFileBytes: number;
  damaged?: DamagedJournal;
}

function gap(file: JournalFile, found: number, expected: number): StoreError {
  return new StoreError(
    'UNAVAILABLE',
    `the journal ${file.path} continues with transaction ${found}, but ${expected} comes next: transactions ` +
      'are missing (a journal file was removed, or the snapshot was replaced by an older one). Refusing to open ' +
      'with acknowledged data missing; restore the data folder from a backup',
    { details: { file: file.path, found, expected } },
  );
}

function damagedBeforeData(damaged: DamagedJournal, later: JournalFile): StoreError {
  const { offset, reason } = damaged.decoded.damage;
  return new StoreError(
    'UNAVAILABLE',
    `the journal ${damaged.file.path} is damaged at byte ${offset} (${reason}), and the later journal ` +
      `${later.path} holds transactions: this is not a crash's torn tail, acknowledged data is missing. ` +
      'Refusing to open; restore the data folder from a backup',
    { details: { file: damaged.file.path, offset, reason, later: later.path } },
  );
}

/**
 * Applies to `db` (loaded from the snapshot) every journaled transaction newer than it, oldest
 * journal first, each transaction whole. Reading stops at the first record that is cut short or
 * damaged; that is a crash's torn tail as long as no later journal holds data, and the caller
 * cuts it off. Missing transactions (a gap in sequence numbers) refuse the open.
 */
export async function replayJournals(fs: StoreFs, dir: string, db: Database): Promise<ReplayResult> {
  const files = await listJournals(fs, dir);
  const result: ReplayResult = { files, applied: 0, bytes: 0, lastFileBytes: 0 };
  let expected = db.seq + 1;
  for (const file of files) {
    const buffer = await fs.readFile(file.path);
    const decoded = decodeJournal(buffer);
    if (result.damaged && (decoded.entries.length > 0 || decoded.damage))
      throw damagedBeforeData(result.damaged, file);
    for (const entry of decoded.entries) {
      if (entry.seq < expected) continue; // already in the snapshot
      if (entry.seq > expected) throw gap(file, entry.seq, expected);
      db.apply(entry.ops);
      expected += 1;
      result.applied += 1;
    }
    result.bytes += decoded.validBytes;
    result.lastFileBytes = decoded.validBytes;
    if (decoded.damage) result.damaged = { file, decoded: { ...decoded, damage: decoded.damage }, buffer };
  }
  db.seq = expected - 1;
  return result;
}
