import type { StoredRecord } from '@rapport/core';
import type { JournalOp } from '../journal/entry.js';
import type { RecordSpan } from '../journal/record-codec.js';
import type { CollectionState } from '../state/collection-state.js';
import type { Database } from '../state/database.js';
import { journalFileId } from './file-ids.js';

interface Pending {
  seq: number;
  items: { collection: CollectionState; record: StoredRecord; span: RecordSpan }[];
}

/**
 * The records of history collections committed but not yet durable: once the journal writer says
 * where a transaction's line landed, each record's place on disk is known, and it may leave memory.
 */
export class PlacementQueue {
  #queue: Pending[] = [];
  #head = 0;

  /** Notes the history records a committed transaction wrote and where each lies in its line. */
  committed(
    db: Database,
    seq: number,
    ops: readonly JournalOp[],
    spans: readonly (RecordSpan | undefined)[],
  ): void {
    let pending: Pending | undefined;
    ops.forEach((op, i) => {
      const span = spans[i];
      if (op.op !== 'put' || !span) return;
      const collection = db.collections.get(op.c);
      if (!collection?.isHistory) return;
      pending ??= { seq, items: [] };
      pending.items.push({ collection, record: op.r, span });
    });
    if (pending) this.#queue.push(pending);
  }

  /** The journal made lines durable in generation `gen`, each at `offset`: places their records. */
  placed(db: Database, gen: number, placed: readonly { seq: number; offset: number }[]): void {
    const file = journalFileId(gen);
    for (const { seq, offset } of placed) {
      while (this.#head < this.#queue.length && (this.#queue[this.#head] as Pending).seq < seq)
        this.#head += 1;
      const pending = this.#queue[this.#head];
      if (pending?.seq !== seq) continue;
      for (const { collection, record, span } of pending.items) {
        db.place(collection, record, file, offset + span.start, span.length);
      }
      this.#head += 1;
    }
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    } else if (this.#head > 1_024) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }
}
