import { StoreError } from '@rapport/core';
import { closeQuietly, writeAll } from '../fs/fs-helpers.js';
import type { StoreFileHandle } from '../fs/store-fs.js';
import type { StoreLogger } from '../util/logger.js';
import { messageOf } from '../util/store-errors.js';
import type { JournalFile } from './journal-files.js';

interface Waiter {
  seq: number;
  resolve(): void;
  reject(error: StoreError): void;
}

interface Queued {
  seq: number;
  line: Buffer;
}

/** A switch to a new journal file, taking effect once every record up to `seq` is durable. */
interface PendingSwitch {
  seq: number;
  file: JournalFile;
  handle: StoreFileHandle;
}

/** Where a {@link JournalWriter} starts: the open journal file and what it already holds. */
export interface JournalStart {
  file: JournalFile;
  handle: StoreFileHandle;
  /** Bytes of intact records already in the file (new records go after them). */
  bytes: number;
  /** The sequence number of the last durable transaction. */
  seq: number;
}

/** Callbacks of a {@link JournalWriter}. */
export interface JournalEvents {
  /** The journal failed; the writer accepts nothing more. */
  onFailure(error: StoreError): void;
  /** A batch became durable (the store checks whether to compact). */
  onFlushed(): void;
  /**
   * Records became durable in journal generation `gen`, each line starting at `offset` (called
   * before the transactions waiting on them are answered).
   */
  onPlaced?(gen: number, placed: readonly { seq: number; offset: number }[]): void;
}

/**
 * Appends committed transactions to the journal with group commit: whatever is queued when the
 * disk is free goes out in one write and one `fdatasync`, so concurrent transactions share the
 * cost. A transaction is durable (and may be acknowledged) once {@link waitDurable} resolves for
 * its sequence number. A failed write or sync stops the writer for good: the waiting
 * transactions are rejected, the failed batch is cut off the file when possible, and the store
 * must be reopened (in-memory state may be ahead of the disk; see "fsyncgate").
 */
export class JournalWriter {
  readonly #logger: StoreLogger;
  readonly #events: JournalEvents;
  #file: JournalFile;
  #handle: StoreFileHandle;
  #bytes: number;
  #queue: Queued[] = [];
  #waiters: Waiter[] = [];
  #flushing = false;
  #appendedSeq: number;
  #durableSeq: number;
  #switch: PendingSwitch | undefined;
  #failure: StoreError | undefined;
  /** Bytes and records appended since the last switch (what compaction thresholds look at). */
  #sinceSwitch = { bytes: 0, entries: 0 };

  constructor(start: JournalStart, logger: StoreLogger, events: JournalEvents) {
    this.#file = start.file;
    this.#handle = start.handle;
    this.#bytes = start.bytes;
    this.#appendedSeq = start.seq;
    this.#durableSeq = start.seq;
    this.#logger = logger;
    this.#events = events;
  }

  /** The file records are appended to now. */
  get file(): JournalFile {
    return this.#file;
  }

  /** The error that stopped the writer, if it failed. */
  get failure(): StoreError | undefined {
    return this.#failure;
  }

  /** Bytes and records appended since the writer started or last switched files. */
  get sinceSwitch(): { bytes: number; entries: number } {
    return { ...this.#sinceSwitch };
  }

  /** Counts records that were already in the journal when the store opened (for compaction thresholds). */
  countExisting(bytes: number, entries: number): void {
    this.#sinceSwitch.bytes += bytes;
    this.#sinceSwitch.entries += entries;
  }

  /** Queues one committed transaction's record; sequence numbers must increase by one. */
  append(seq: number, line: Buffer): void {
    if (this.#failure) throw this.#failure;
    this.#queue.push({ seq, line });
    this.#appendedSeq = seq;
    this.#sinceSwitch.entries += 1;
    if (!this.#flushing) void this.#run();
  }

  /** Resolves once every transaction up to `seq` is on disk; rejects if the journal failed. */
  waitDurable(seq: number): Promise<void> {
    if (seq <= this.#durableSeq) return Promise.resolve();
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => this.#waiters.push({ seq, resolve, reject }));
  }

  /** Resolves once everything appended so far is durable. */
  drain(): Promise<void> {
    return this.waitDurable(this.#appendedSeq);
  }

  /**
   * Directs every transaction after `seq` (the last one appended, which the caller passes to
   * prove it captured the state at that very point) to `file`. The old file gets the rest of its
   * records, is synced and closed, then the writer moves on.
   */
  switchTo(file: JournalFile, handle: StoreFileHandle, seq: number): void {
    if (seq !== this.#appendedSeq)
      throw new Error(`journal switch at ${seq}, but ${this.#appendedSeq} was appended`);
    if (this.#switch) throw new Error('a journal switch is already pending');
    this.#switch = { seq, file, handle };
    this.#sinceSwitch = { bytes: 0, entries: 0 };
    if (!this.#flushing) this.#applySwitchIfDue();
  }

  /** Waits for queued records (if the writer still works) and closes the file. */
  async close(): Promise<void> {
    if (!this.#failure) await this.drain();
    this.#applySwitchIfDue();
    await this.#handle.close();
  }

  /** Closes the files without waiting (after a failure). */
  async abandon(): Promise<void> {
    await closeQuietly(this.#switch?.handle);
    await closeQuietly(this.#handle);
  }

  async #run(): Promise<void> {
    this.#flushing = true;
    try {
      while (this.#queue.length > 0 && !this.#failure) {
        const batch = this.#queue;
        this.#queue = [];
        const limit = this.#switch?.seq ?? Number.POSITIVE_INFINITY;
        let cut = batch.findIndex((item) => item.seq > limit);
        if (cut < 0) cut = batch.length;
        if (cut > 0 && !(await this.#flush(batch.slice(0, cut)))) return;
        this.#applySwitchIfDue();
        if (cut < batch.length && !(await this.#flush(batch.slice(cut)))) return;
        this.#events.onFlushed();
      }
      this.#applySwitchIfDue();
    } finally {
      this.#flushing = false;
    }
  }

  /** Writes and syncs records to the current file; false (and the writer failed) on an error. */
  async #flush(items: Queued[]): Promise<boolean> {
    const buffer =
      items.length === 1 ? (items[0] as Queued).line : Buffer.concat(items.map((item) => item.line));
    const start = this.#bytes;
    try {
      await writeAll(this.#handle, buffer);
      await this.#handle.datasync();
    } catch (error) {
      await this.#fail(error, start);
      return false;
    }
    if (this.#events.onPlaced) {
      let offset = start;
      const placed = items.map((item) => {
        const at = offset;
        offset += item.line.length;
        return { seq: item.seq, offset: at };
      });
      this.#events.onPlaced(this.#file.gen, placed);
    }
    this.#bytes += buffer.length;
    this.#sinceSwitch.bytes += buffer.length;
    this.#durableSeq = (items[items.length - 1] as Queued).seq;
    const due = this.#waiters.filter((waiter) => waiter.seq <= this.#durableSeq);
    this.#waiters = this.#waiters.filter((waiter) => waiter.seq > this.#durableSeq);
    for (const waiter of due) waiter.resolve();
    return true;
  }

  #applySwitchIfDue(): void {
    const next = this.#switch;
    if (!next || this.#durableSeq < next.seq || this.#failure) return;
    const old = { file: this.#file, handle: this.#handle };
    this.#file = next.file;
    this.#handle = next.handle;
    this.#bytes = 0;
    this.#switch = undefined;
    old.handle.close().catch((error: unknown) => {
      this.#logger.warn(
        { file: old.file.name, error: messageOf(error) },
        'closing a synced journal file failed',
      );
    });
  }

  async #fail(error: unknown, goodBytes: number): Promise<void> {
    const failure = new StoreError(
      'UNAVAILABLE',
      `writing the journal ${this.#file.path} failed, so the lowdb store stopped; nothing after its last ` +
        `acknowledged write was acknowledged, and every call fails until the store is reopened: ${messageOf(error)}`,
      { cause: error },
    );
    this.#failure = failure;
    this.#logger.error(
      { file: this.#file.name, offset: goodBytes, error: messageOf(error) },
      'journal write failed; the store stopped',
    );
    try {
      await this.#handle.truncate(goodBytes); // so the rejected batch does not come back on reopen
    } catch (truncateError) {
      this.#logger.warn(
        { file: this.#file.name, error: messageOf(truncateError) },
        'could not cut the failed batch off the journal; reopening may replay it (it was never acknowledged)',
      );
    }
    const waiters = this.#waiters;
    this.#waiters = [];
    this.#queue = [];
    for (const waiter of waiters) waiter.reject(failure);
    this.#events.onFailure(failure);
  }
}
