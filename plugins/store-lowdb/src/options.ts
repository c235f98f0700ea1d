import type { StoreFs } from './fs/store-fs.js';
import type { StoreLogger } from './util/logger.js';

/** Options of {@link lowdbStore}. */
export interface LowdbStoreOptions {
  /** The data folder (created if missing). One process at a time may open it. */
  dir: string;
  /** File-system calls (default: `node:fs/promises`); tests inject faults here. */
  fs?: StoreFs;
  /** Where warnings go: a dropped torn journal tail, a taken-over lock, a failed compaction. Default: stderr. */
  logger?: StoreLogger;
  /**
   * Compact once the journal holds this many bytes and more than the last snapshot's size
   * (the journal never grows past the data it replaces twice over). Default 64 MiB.
   */
  compactAfterBytes?: number;
  /** Compact once the journal holds this many transactions newer than the snapshot. Default 500,000. */
  compactAfterEntries?: number;
  /**
   * Records of history collections (`history: true` in their spec: the audit trail, the outbox)
   * kept in memory once they are on disk, the most recent ones, so reading back what was just
   * written needs no disk read. Older ones are read from disk when asked for; only their index
   * entries and place on disk stay in memory. Default 1,000.
   */
  historyInMemory?: number;
}

/** Default of {@link LowdbStoreOptions.compactAfterBytes}. */
export const DEFAULT_COMPACT_AFTER_BYTES = 64 * 1024 * 1024;
/** Default of {@link LowdbStoreOptions.compactAfterEntries}. */
export const DEFAULT_COMPACT_AFTER_ENTRIES = 500_000;

/** Figures of a running store, for monitoring and tests. */
export interface LowdbStoreStats {
  /** Sequence number of the last committed transaction. */
  seq: number;
  /** Sequence number the current snapshot holds. */
  snapshotSeq: number;
  /** Journaled transactions not yet in the snapshot. */
  journalEntries: number;
  /** Approximate journal bytes not yet in the snapshot. */
  journalBytes: number;
  /** Size of the last snapshot read or written. */
  snapshotBytes: number;
  /** Compactions finished since the store opened. */
  compactions: number;
  /** Whether a failed journal write stopped the store. */
  failed: boolean;
  /** History collections: their records, how many of them are in memory, the segment files holding them. */
  history: { records: number; inMemory: number; segments: number; segmentBytes: number };
}
