import type { StoredRecord } from '@rapport/core';
import { isJournalFile } from '../history/file-ids.js';
import type { LocationList } from '../history/record-locations.js';
import { ResidentTail } from '../history/resident-tail.js';
import { SegmentTable } from '../history/segment-table.js';
import type { JournalOp } from '../journal/entry.js';
import { CollectionState } from './collection-state.js';

/** A point-in-time copy of every collection's records (the maps are copies; records are shared, never mutated). */
export type CapturedState = Map<string, Map<string, StoredRecord>>;

/** A point-in-time copy of one history collection: its records in memory and its locations on disk. */
export interface CapturedHistory {
  name: string;
  resident: Map<string, StoredRecord>;
  locations: LocationList;
}

/** Records of history collections kept in memory after they are on disk (see {@link ResidentTail}). */
export const DEFAULT_RESIDENT_HISTORY = 1_000;

/**
 * The committed state in memory: every collection (declared by the schema or only found on
 * disk) and the sequence number of the last committed transaction. Stored records are never
 * mutated, only replaced, so a captured copy of the maps stays a consistent snapshot. History
 * collections keep most records on disk: `segments` are the files compactions wrote them to.
 */
export class Database {
  readonly collections = new Map<string, CollectionState>();
  readonly segments = new SegmentTable();
  readonly tail: ResidentTail;
  seq: number;

  constructor(seq = 0, collections: CapturedState = new Map(), residentHistory = DEFAULT_RESIDENT_HISTORY) {
    this.seq = seq;
    this.tail = new ResidentTail(residentHistory);
    for (const [name, records] of collections) this.collections.set(name, new CollectionState(name, records));
  }

  /** The collection called `name`, created empty if it is new. */
  collection(name: string): CollectionState {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new CollectionState(name);
      this.collections.set(name, collection);
    }
    return collection;
  }

  /**
   * Applies a committed transaction's net changes, keeping the indexes right: first every old
   * version leaves the indexes, then every new one enters, so records that swap unique values
   * within one transaction never clobber each other's index entries. A history record that is
   * only on disk must come with its previous version (`previous[i]` for `ops[i]`), which the
   * transaction read.
   */
  apply(ops: readonly JournalOp[], previous?: readonly (StoredRecord | undefined)[]): void {
    const existed: boolean[] = new Array(ops.length);
    const before: (StoredRecord | undefined)[] = new Array(ops.length);
    ops.forEach((op, i) => {
      const collection = this.collection(op.c);
      existed[i] = collection.has(op.id);
      before[i] = collection.records.get(op.id) ?? previous?.[i];
      if (existed[i] && !before[i]) {
        throw new Error(`internal: ${op.c} ${op.id} is only on disk and its previous version was not read`);
      }
    });
    ops.forEach((op, i) => {
      const old = before[i];
      if (old) this.collection(op.c).unindex(old);
    });
    ops.forEach((op, i) => {
      const collection = this.collection(op.c);
      if (collection.locations) {
        this.#forgetLocation(collection, op.id);
        if (op.op === 'put' && !existed[i]) collection.countLive(1);
        else if (op.op === 'del' && existed[i]) collection.countLive(-1);
      }
      if (op.op === 'put') {
        collection.records.set(op.r.id, op.r); // the record's own id string: the indexes share it
        collection.index(op.r);
        if (!existed[i]) collection.added(op.r.id);
      } else {
        collection.records.delete(op.id);
        if (existed[i]) collection.removed(op.id);
      }
    });
  }

  /** A history record's disk copy is no longer current: drop its location, note it in its segment. */
  #forgetLocation(collection: CollectionState, id: string): void {
    const locations = collection.locations;
    const file = locations?.fileOf(id);
    if (file === undefined) return;
    if (!isJournalFile(file)) this.segments.markDead(file, collection.name, id);
    locations?.delete(id);
  }

  /**
   * Records where a history record lies on disk, now that it is durable there, unless a later
   * version replaced it meanwhile; it stays in memory among the most recent ones for a while.
   */
  place(
    collection: CollectionState,
    record: StoredRecord,
    file: number,
    offset: number,
    length: number,
  ): void {
    if (!collection.locations || collection.records.get(record.id) !== record) return;
    collection.locations.set(record.id, file, offset, length);
    this.tail.push(collection, record);
  }

  /** Copies the record maps of the ordinary collections (cheap: records are shared), for a snapshot. */
  capture(): CapturedState {
    const captured: CapturedState = new Map();
    for (const [name, collection] of this.collections) {
      if (!collection.isHistory) captured.set(name, new Map(collection.records));
    }
    return captured;
  }

  /** Copies what the history collections hold, for the segment a compaction writes. */
  captureHistory(): CapturedHistory[] {
    const captured: CapturedHistory[] = [];
    for (const collection of this.collections.values()) {
      if (!collection.locations) continue;
      captured.push({
        name: collection.name,
        resident: new Map(collection.records),
        locations: collection.locations.copy(),
      });
    }
    return captured;
  }
}
