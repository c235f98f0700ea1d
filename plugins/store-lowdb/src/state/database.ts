import type { StoredRecord } from '@rapport/core';
import type { JournalOp } from '../journal/entry.js';
import { CollectionState } from './collection-state.js';

/** A point-in-time copy of every collection's records (the maps are copies; records are shared, never mutated). */
export type CapturedState = Map<string, Map<string, StoredRecord>>;

/**
 * The committed state in memory: every collection (declared by the schema or only found on
 * disk) and the sequence number of the last committed transaction. Stored records are never
 * mutated, only replaced, so a captured copy of the maps stays a consistent snapshot.
 */
export class Database {
  readonly collections = new Map<string, CollectionState>();
  seq: number;

  constructor(seq = 0, collections: CapturedState = new Map()) {
    this.seq = seq;
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
   * within one transaction never clobber each other's index entries.
   */
  apply(ops: readonly JournalOp[]): void {
    for (const op of ops) {
      const collection = this.collection(op.c);
      const previous = collection.records.get(op.id);
      if (previous) collection.unindex(previous);
    }
    for (const op of ops) {
      const collection = this.collection(op.c);
      if (op.op === 'put') {
        collection.records.set(op.id, op.r);
        collection.index(op.r);
      } else collection.records.delete(op.id);
    }
  }

  /** Copies the record maps (cheap: records are shared), for a snapshot written in the background. */
  capture(): CapturedState {
    const captured: CapturedState = new Map();
    for (const [name, collection] of this.collections) captured.set(name, new Map(collection.records));
    return captured;
  }
}
