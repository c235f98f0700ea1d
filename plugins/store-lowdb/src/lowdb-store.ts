import type { DataStore, StoreSchema, StoreTx } from '@rapport/core';
import { Mutex, StoreError } from '@rapport/core';
import { compact } from './compaction.js';
import { nodeFs, type StoreFs } from './fs/store-fs.js';
import { configureCollection } from './history/configure-collection.js';
import { HistoryReader } from './history/history-reader.js';
import { PlacementQueue } from './history/placement-queue.js';
import { ReadFiles } from './history/read-files.js';
import { JournalWriter } from './journal/journal-writer.js';
import { encodeEntry } from './journal/record-codec.js';
import { type LoadedFolder, loadFolder } from './open/load-folder.js';
import {
  DEFAULT_COMPACT_AFTER_BYTES,
  DEFAULT_COMPACT_AFTER_ENTRIES,
  type LowdbStoreOptions,
  type LowdbStoreStats,
} from './options.js';
import { DEFAULT_RESIDENT_HISTORY } from './state/database.js';
import { LowdbTx, type TxChanges } from './tx/lowdb-tx.js';
import { type StoreLogger, stderrLogger } from './util/logger.js';
import { asStoreError, messageOf } from './util/store-errors.js';

/** The lowdb {@link DataStore}, with maintenance calls of its own. */
export interface LowdbStore extends DataStore {
  /** The data folder. */
  readonly dir: string;
  /**
   * Rewrites the snapshot now and drops the journal it replaces (it also happens in the background
   * past the thresholds, and on close). Resolves once the new snapshot is durable.
   */
  compact(): Promise<void>;
  /** Figures for monitoring. */
  stats(): LowdbStoreStats;
}

type State = 'new' | 'open' | 'closing' | 'closed';

const MAX_BACKOFF_MS = 5 * 60_000;

/** One open data folder; see {@link lowdbStore}. */
class LowdbDataStore implements LowdbStore {
  readonly name = 'lowdb';
  readonly capabilities = { multiProcess: false, durable: true };
  readonly dir: string;
  readonly #fs: StoreFs;
  readonly #logger: StoreLogger;
  readonly #compactAfterBytes: number;
  readonly #compactAfterEntries: number;
  readonly #historyInMemory: number;
  readonly #files: ReadFiles;
  readonly #reader: HistoryReader;
  readonly #placements = new PlacementQueue();
  readonly #mutex = new Mutex();
  readonly #declared = new Set<string>();
  #state: State = 'new';
  #folder: LoadedFolder | undefined;
  #journal: JournalWriter | undefined;
  #failure: StoreError | undefined;
  #closing: Promise<void> | undefined;
  #compacting: Promise<void> | undefined;
  #snapshotSeq = 0;
  #replayedBytes = 0;
  #compactions = 0;
  #lastGen = 0;
  #needsCompaction = false;
  /** The history segments hold records that must leave them (a collection no longer history). */
  #mustMerge = false;
  /** History records are in memory only, or in segments they must leave: compact soon. */
  #historyToMove = false;
  #backoffMs = 1_000;
  #blockedUntil = 0;

  constructor(options: LowdbStoreOptions) {
    if (typeof options?.dir !== 'string' || options.dir === '') {
      throw new StoreError('INVALID', 'lowdbStore needs { dir }: the data folder');
    }
    this.dir = options.dir;
    this.#fs = options.fs ?? nodeFs;
    this.#logger = options.logger ?? stderrLogger;
    this.#compactAfterBytes = options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER_BYTES;
    this.#compactAfterEntries = options.compactAfterEntries ?? DEFAULT_COMPACT_AFTER_ENTRIES;
    this.#historyInMemory = options.historyInMemory ?? DEFAULT_RESIDENT_HISTORY;
    this.#files = new ReadFiles(this.#fs);
    this.#reader = new HistoryReader(this.#files);
  }

  /** Throws unless new transactions may start. */
  #assertOpen(): void {
    if (this.#failure) throw this.#failedError();
    if (this.#state === 'new') {
      throw new StoreError(
        'UNAVAILABLE',
        `the lowdb store at ${this.dir} is not open yet: call open() first`,
      );
    }
    if (this.#state !== 'open')
      throw new StoreError('UNAVAILABLE', `the lowdb store at ${this.dir} is closed`);
  }

  /** Throws unless admitted transactions may go on (they may finish while the store closes). */
  #assertServing(): void {
    if (this.#failure) throw this.#failedError();
    if (this.#state === 'closed')
      throw new StoreError('UNAVAILABLE', `the lowdb store at ${this.dir} is closed`);
  }

  #failedError(): StoreError {
    return new StoreError(
      'UNAVAILABLE',
      `the lowdb store at ${this.dir} stopped after a failed journal write and serves nothing until it is ` +
        `reopened: ${this.#failure?.message}`,
      { cause: this.#failure },
    );
  }

  get #db() {
    return (this.#folder as LoadedFolder).db;
  }

  async open(schema: StoreSchema): Promise<void> {
    this.#assertNotClosed();
    if (this.#failure) throw this.#failedError();
    const release = await this.#mutex.lock();
    try {
      this.#assertNotClosed(); // close() may have been called while this open waited
      const first = !this.#folder;
      if (first) await this.#load(schema);
      try {
        for (const spec of schema.collections) {
          const moved = await configureCollection(this.#db, this.#reader, spec);
          if (moved === 'to-memory') this.#mustMerge = true;
          if (moved) this.#historyToMove = true;
          this.#declared.add(spec.name);
        }
      } catch (error) {
        if (first) await this.#unload();
        throw error;
      }
      if (this.#state === 'new') this.#state = 'open';
    } finally {
      release();
    }
    this.#maybeCompact();
  }

  #assertNotClosed(): void {
    if (this.#state === 'closing' || this.#state === 'closed') {
      throw new StoreError(
        'UNAVAILABLE',
        `the lowdb store at ${this.dir} is closed; create a new one to reopen`,
      );
    }
  }

  async #load(schema: StoreSchema): Promise<void> {
    let folder: LoadedFolder;
    try {
      folder = await loadFolder(this.#fs, this.dir, this.#logger, {
        schema,
        history: { files: this.#files, reader: this.#reader },
        residentHistory: this.#historyInMemory,
      });
    } catch (error) {
      throw asStoreError(error, `cannot open the lowdb data folder ${this.dir}`);
    }
    this.#folder = folder;
    this.#snapshotSeq = folder.db.seq - folder.replayed.entries;
    this.#replayedBytes = folder.replayed.bytes;
    this.#lastGen = folder.journal.file.gen;
    // Old journals a crash left behind, or history records to move to a segment.
    this.#needsCompaction = folder.replayed.files > 1 || folder.history.unplaced > 0;
    this.#mustMerge = folder.history.mustMerge;
    this.#historyToMove = folder.history.mustMerge || folder.history.unplaced > 0;
    this.#journal = new JournalWriter(folder.journal, this.#logger, {
      onFailure: (failure) => {
        this.#failure = failure;
      },
      onFlushed: () => this.#maybeCompact(),
      onPlaced: (gen, placed) => this.#placements.placed(this.#db, gen, placed),
    });
  }

  async #unload(): Promise<void> {
    await this.#journal?.abandon();
    await this.#files.closeAll();
    await this.#folder?.lock.release();
    this.#journal = undefined;
    this.#folder = undefined;
  }

  async transaction<R>(fn: (tx: StoreTx) => Promise<R>): Promise<R> {
    this.#assertOpen();
    const release = await this.#mutex.lock();
    let result: R;
    let waitFor: number;
    try {
      this.#assertServing();
      const tx = new LowdbTx(this.#db, this.#reader, this.#declared, () => this.#assertServing());
      try {
        result = await fn(tx);
      } catch (error) {
        tx.finish();
        throw error;
      }
      const changes = tx.finish();
      if (changes.ops.length > 0) this.#commit(changes);
      // Read-only transactions wait too: nobody is answered from state that is not yet durable.
      waitFor = this.#db.seq;
    } finally {
      release();
    }
    await (this.#journal as JournalWriter).waitDurable(waitFor);
    return result;
  }

  /**
   * Read-only work outside the write mutex: transactions keep their writes in a private overlay
   * until one synchronous commit step, so a read sees only committed state. It answers once that
   * state is durable, like a transaction does.
   */
  async read<R>(fn: (tx: StoreTx) => Promise<R>): Promise<R> {
    this.#assertOpen();
    const db = this.#db;
    const tx = new LowdbTx(db, this.#reader, this.#declared, () => this.#assertServing(), {
      readOnly: true,
    });
    let result: R;
    try {
      result = await fn(tx);
    } finally {
      tx.finish();
    }
    await (this.#journal as JournalWriter).waitDurable(db.seq);
    return result;
  }

  /**
   * Applies a transaction's changes in memory and queues its journal record (one synchronous
   * step). The records of history collections wait in memory until the journal says where on
   * disk they lie.
   */
  #commit({ ops, previous }: TxChanges): void {
    const db = this.#db;
    const journal = this.#journal as JournalWriter;
    if (journal.failure) throw journal.failure;
    const seq = db.seq + 1;
    const { line, spans } = encodeEntry({ seq, ops });
    db.apply(ops, previous); // throws before changing anything if it cannot apply
    journal.append(seq, line);
    db.seq = seq;
    this.#placements.committed(db, seq, ops, spans);
  }

  async ping(): Promise<void> {
    this.#assertOpen();
  }

  stats(): LowdbStoreStats {
    const journal = this.#journal;
    const seq = this.#folder?.db.seq ?? 0;
    return {
      seq,
      snapshotSeq: this.#snapshotSeq,
      journalEntries: seq - this.#snapshotSeq,
      journalBytes: this.#journalBytes(),
      snapshotBytes: this.#folder?.snapshotFile.bytes ?? 0,
      compactions: this.#compactions,
      failed: this.#failure !== undefined || (journal?.failure ?? undefined) !== undefined,
      history: this.#historyStats(),
    };
  }

  #historyStats(): LowdbStoreStats['history'] {
    const stats = { records: 0, inMemory: 0, segments: 0, segmentBytes: 0 };
    const db = this.#folder?.db;
    if (!db) return stats;
    for (const collection of db.collections.values()) {
      if (!collection.isHistory) continue;
      stats.records += collection.size;
      stats.inMemory += collection.records.size;
    }
    const totals = db.segments.totals();
    stats.segments = db.segments.segments.length;
    stats.segmentBytes = totals.bytes;
    return stats;
  }

  #journalBytes(): number {
    return this.#replayedBytes + (this.#journal?.sinceSwitch.bytes ?? 0);
  }

  #thresholdReached(): boolean {
    const entries = this.#db.seq - this.#snapshotSeq;
    if (entries >= this.#compactAfterEntries) return true;
    const bytes = this.#journalBytes();
    const snapshotBytes = this.#folder?.snapshotFile.bytes ?? 0;
    return bytes >= this.#compactAfterBytes && bytes >= snapshotBytes;
  }

  /** Starts a compaction, or returns the one running. */
  #startCompaction(): Promise<void> {
    if (!this.#compacting) {
      this.#compacting = this.#compactNow().finally(() => {
        this.#compacting = undefined;
      });
    }
    return this.#compacting;
  }

  #maybeCompact(): void {
    if (this.#state !== 'open' || this.#failure || this.#compacting) return;
    if (Date.now() < this.#blockedUntil || !(this.#historyToMove || this.#thresholdReached())) return;
    this.#startCompaction().then(
      () => {
        this.#backoffMs = 1_000;
      },
      (error: unknown) => {
        this.#blockedUntil = Date.now() + this.#backoffMs;
        this.#logger.error(
          { dir: this.dir, error: messageOf(error), retryInMs: this.#backoffMs },
          'background compaction failed; the journal keeps every write, compaction will be retried',
        );
        this.#backoffMs = Math.min(this.#backoffMs * 2, MAX_BACKOFF_MS);
      },
    );
  }

  async #compactNow(): Promise<void> {
    const folder = this.#folder as LoadedFolder;
    const forceMerge = this.#mustMerge;
    const seq = await compact({
      fs: this.#fs,
      dir: this.dir,
      db: folder.db,
      journal: this.#journal as JournalWriter,
      snapshot: folder.snapshot,
      files: this.#files,
      forceMerge,
      nextGen: () => {
        this.#lastGen += 1;
        return this.#lastGen;
      },
    });
    this.#snapshotSeq = seq;
    this.#replayedBytes = 0;
    this.#needsCompaction = false;
    if (forceMerge) this.#mustMerge = false;
    this.#historyToMove = this.#mustMerge;
    this.#compactions += 1;
  }

  async compact(): Promise<void> {
    this.#assertOpen();
    await this.#compacting?.catch(() => undefined); // it may have captured the state before this call
    this.#assertOpen();
    try {
      await this.#startCompaction();
    } catch (error) {
      throw asStoreError(error, `compacting the lowdb data folder ${this.dir} failed (no data was lost)`);
    }
  }

  close(): Promise<void> {
    if (this.#state === 'closed') return Promise.resolve();
    if (!this.#closing) {
      this.#state = 'closing'; // admits no new transaction; admitted ones finish first
      this.#closing = this.#shutDown();
    }
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    const release = await this.#mutex.lock(); // after admitted transactions and an open in progress
    try {
      const journal = this.#journal;
      if (!this.#folder || !journal) return; // never opened
      await this.#compacting?.catch(() => undefined);
      const pending = this.#db.seq > this.#snapshotSeq || this.#needsCompaction || this.#historyToMove;
      if (!this.#failure && pending) {
        try {
          await this.#compactNow();
        } catch (error) {
          this.#logger.warn(
            { dir: this.dir, error: messageOf(error) },
            'the snapshot could not be rewritten on close; the journal holds every write and is replayed on open',
          );
        }
      }
      if (this.#failure) await journal.abandon();
      else {
        await journal.close().catch((error: unknown) => {
          this.#logger.warn({ dir: this.dir, error: messageOf(error) }, 'closing the journal failed');
        });
      }
    } finally {
      await this.#files.closeAll();
      await this.#folder?.lock.release();
      this.#state = 'closed';
      release();
    }
  }
}

/**
 * Rapport's embedded default store: one data folder, no set-up. Records live in memory, with
 * indexes for the entities' `indexes`; every committed transaction is one record appended to a
 * journal and is acknowledged only after an `fdatasync` that concurrent transactions share
 * (group commit). A lowdb snapshot of the whole state is rewritten in the background once the
 * journal grows, and on close. A crash at any moment loses no acknowledged write; a second process
 * opening the folder gets an `UNAVAILABLE` error naming the owner.
 *
 * @example
 * ```ts
 * import { createKernel } from '@rapport/core';
 * import { lowdbStore } from '@rapport/store-lowdb';
 *
 * const kernel = await createKernel({ store: lowdbStore({ dir: './data' }), plugins: [customers()] });
 * await kernel.start();
 * ```
 */
export function lowdbStore(options: LowdbStoreOptions): LowdbStore {
  return new LowdbDataStore(options);
}
