import { type StoredRecord, StoreError } from '@rapport/core';
import type { StoreFs } from '../fs/store-fs.js';
import { journalFileId } from '../history/file-ids.js';
import type { HistoryReader } from '../history/history-reader.js';
import type { ReadFiles } from '../history/read-files.js';
import type { JournalEntry } from '../journal/entry.js';
import { type JournalFile, listJournals } from '../journal/journal-files.js';
import { type DecodedJournal, decodeJournal, encodeEntry } from '../journal/record-codec.js';
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
  /** History records kept in memory because their place in the journal could not be worked out. */
  unplaced: number;
}

/** Where replay reads and places the records of history collections. */
export interface ReplayHistory {
  files: ReadFiles;
  reader: HistoryReader;
}

/**
 * Applies one journaled transaction. The records of history collections it writes are placed
 * where they lie in the journal line (found by encoding the entry again: the same bytes, or the
 * records stay in memory until the next compaction), and the on-disk previous versions of those
 * it replaces are read first, for the indexes. Returns how many records stayed in memory.
 */
async function applyEntry(
  db: Database,
  entry: JournalEntry,
  line: { gen: number; start: number; bytes: Buffer },
  history: ReplayHistory,
): Promise<number> {
  const touchesHistory = entry.ops.some((op) => db.collections.get(op.c)?.isHistory);
  if (!touchesHistory) {
    db.apply(entry.ops);
    return 0;
  }
  const previous: (StoredRecord | undefined)[] = [];
  for (const op of entry.ops) {
    const collection = db.collection(op.c);
    const onDiskOnly = collection.isHistory && !collection.records.has(op.id) && collection.has(op.id);
    previous.push(onDiskOnly ? await history.reader.readOne(collection, op.id) : undefined);
  }
  db.apply(entry.ops, previous);
  const encoded = encodeEntry(entry);
  const same = encoded.line.equals(line.bytes);
  let unplaced = 0;
  entry.ops.forEach((op, i) => {
    const collection = db.collection(op.c);
    const span = encoded.spans[i];
    if (op.op !== 'put' || !collection.isHistory) return;
    if (same && span)
      db.place(collection, op.r, journalFileId(line.gen), line.start + span.start, span.length);
    else unplaced += 1;
  });
  return unplaced;
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
export async function replayJournals(
  fs: StoreFs,
  dir: string,
  db: Database,
  history: ReplayHistory,
): Promise<ReplayResult> {
  const files = await listJournals(fs, dir);
  const result: ReplayResult = { files, applied: 0, bytes: 0, lastFileBytes: 0, unplaced: 0 };
  let expected = db.seq + 1;
  for (const file of files) {
    const buffer = await fs.readFile(file.path);
    const decoded = decodeJournal(buffer);
    if (result.damaged && (decoded.entries.length > 0 || decoded.damage))
      throw damagedBeforeData(result.damaged, file);
    await history.files.open(journalFileId(file.gen), file.path);
    for (const [i, entry] of decoded.entries.entries()) {
      if (entry.seq < expected) continue; // already in the snapshot
      if (entry.seq > expected) throw gap(file, entry.seq, expected);
      const start = decoded.starts[i] as number;
      const end = decoded.starts[i + 1] ?? decoded.validBytes;
      const line = { gen: file.gen, start, bytes: buffer.subarray(start, end) };
      result.unplaced += await applyEntry(db, entry, line, history);
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
