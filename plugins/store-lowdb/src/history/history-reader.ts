import { type StoredRecord, StoreError } from '@rapport/core';
import type { CollectionState } from '../state/collection-state.js';
import type { ReadFiles } from './read-files.js';
import type { RecordLocations } from './record-locations.js';
import { bySpanOrder, readSpans, type Span } from './windowed-read.js';

/** Records a scan hands over at a time. */
const SCAN_BATCH = 1_000;

interface IdSpan extends Span {
  id: string;
}

function parseRecord(collection: string, id: string, bytes: Buffer): StoredRecord {
  let record: unknown;
  try {
    record = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    record = error;
  }
  if (typeof record !== 'object' || record === null || (record as StoredRecord).id !== id) {
    throw new StoreError(
      'UNAVAILABLE',
      `the ${collection} record ${id} read back from disk is not the record written there: the data folder ` +
        'is damaged (a crash cannot cause this); restore it from a backup',
      { details: { collection, id }, ...(record instanceof Error ? { cause: record } : {}) },
    );
  }
  return record as StoredRecord;
}

/** Holds every file the spans name until the returned release is called. */
function holdAll(files: ReadFiles, spans: readonly Span[]): () => void {
  const held: number[] = [];
  try {
    for (const file of new Set(spans.map((span) => span.file))) {
      files.hold(file);
      held.push(file);
    }
  } catch (error) {
    for (const file of held) files.release(file);
    throw error;
  }
  return () => {
    for (const file of held) files.release(file);
  };
}

/**
 * Reads the records of history collections that are only on disk. Locations are looked up and
 * their files held in one synchronous step, so a compaction moving records meanwhile never pulls
 * a file from under a read.
 */
export class HistoryReader {
  readonly #files: ReadFiles;

  constructor(files: ReadFiles) {
    this.#files = files;
  }

  /** The on-disk record `id` of a history collection (not one in memory), or `undefined`. */
  async readOne(collection: CollectionState, id: string): Promise<StoredRecord | undefined> {
    const location = collection.locations?.get(id);
    if (!location) return undefined;
    this.#files.hold(location.file);
    try {
      const bytes = await this.#files.readHeld(location.file, location.offset, location.length);
      return parseRecord(collection.name, id, bytes);
    } finally {
      this.#files.release(location.file);
    }
  }

  /**
   * The committed records among `ids` of a history collection, from memory or from disk (missing
   * ids are skipped), in no particular order. The ones in memory are shared: do not modify them.
   */
  async readMany(collection: CollectionState, ids: Iterable<string>): Promise<StoredRecord[]> {
    const locations = collection.locations as RecordLocations;
    const found: StoredRecord[] = [];
    const spans: IdSpan[] = [];
    for (const id of ids) {
      const resident = collection.records.get(id);
      if (resident) found.push(resident);
      else {
        const location = locations.get(id);
        if (location) spans.push({ id, ...location });
      }
    }
    if (spans.length === 0) return found;
    return found.concat(await this.#read(collection.name, spans));
  }

  async #read(name: string, spans: IdSpan[]): Promise<StoredRecord[]> {
    spans.sort(bySpanOrder);
    const release = holdAll(this.#files, spans);
    try {
      const records: StoredRecord[] = new Array(spans.length);
      await readSpans(this.#files, spans, (i, bytes) => {
        records[i] = parseRecord(name, (spans[i] as IdSpan).id, bytes);
      });
      return records;
    } finally {
      release();
    }
  }

  /**
   * Every record of a history collection as of the first call, in batches: first those in memory,
   * then those on disk in file order. Records written after it started are not seen.
   */
  async *scan(collection: CollectionState): AsyncGenerator<StoredRecord[]> {
    const resident = [...collection.records.values()];
    const list = (collection.locations as RecordLocations).copy();
    const spans: IdSpan[] = [];
    for (let slot = 0; slot < list.count; slot += 1) {
      const id = list.ids[slot];
      if (id === undefined || collection.records.has(id)) continue;
      spans.push({
        id,
        file: list.file[slot] as number,
        offset: list.offset[slot] as number,
        length: list.length[slot] as number,
      });
    }
    spans.sort(bySpanOrder);
    const release = holdAll(this.#files, spans);
    try {
      if (resident.length > 0) yield resident;
      for (let start = 0; start < spans.length; start += SCAN_BATCH) {
        const batch = spans.slice(start, start + SCAN_BATCH);
        const records: StoredRecord[] = new Array(batch.length);
        await readSpans(this.#files, batch, (i, bytes) => {
          records[i] = parseRecord(collection.name, (batch[i] as IdSpan).id, bytes);
        });
        yield records;
      }
    } finally {
      release();
    }
  }
}
