import type { StoredRecord } from '@rapport/core';
import type { CollectionState } from '../state/collection-state.js';

interface Entry {
  collection: CollectionState;
  record: StoredRecord;
}

/**
 * The most recently written records of history collections, kept in memory after they are on
 * disk, so the reads that follow a write (an outbox row is read back and deleted as soon as it is
 * delivered) need no disk read. Past `limit` records, the oldest leave memory: from then on they
 * are read from disk when asked for.
 */
export class ResidentTail {
  readonly #limit: number;
  #queue: Entry[] = [];
  #head = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Keeps `record` (just placed on disk) in memory for now, and evicts past the limit. */
  push(collection: CollectionState, record: StoredRecord): void {
    this.#queue.push({ collection, record });
    while (this.#queue.length - this.#head > this.#limit) {
      const { collection: oldest, record: evicted } = this.#queue[this.#head] as Entry;
      this.#queue[this.#head] = undefined as unknown as Entry;
      this.#head += 1;
      oldest.evict(evicted);
    }
    if (this.#head > 4_096 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }
}
