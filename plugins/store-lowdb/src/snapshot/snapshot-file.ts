import { join } from 'node:path';
import { isJsonObject, type StoredRecord, StoreError } from '@rapport/core';
import type { Adapter } from 'lowdb';
import { closeQuietly, removeIfPresent, syncDir, writeAll } from '../fs/fs-helpers.js';
import type { StoreFileHandle, StoreFs } from '../fs/store-fs.js';
import type { SegmentInfo } from '../history/segment-table.js';
import type { CapturedState } from '../state/database.js';
import { isNotFound, messageOf } from '../util/store-errors.js';
import { readSnapshotLines, type SnapshotLines } from './read-snapshot-lines.js';
import { serializeSnapshot } from './serialize.js';

/** The snapshot format this version writes; it reads this one and format 1 (no history segments). */
export const SNAPSHOT_FORMAT = 2;

/** The snapshot document: every record as of transaction `seq`. */
export interface SnapshotData {
  format: typeof SNAPSHOT_FORMAT;
  seq: number;
  /** The ordinary collections' records. */
  collections: CapturedState;
  /** The segments holding the history collections' records. */
  history: SegmentInfo[];
}

/** An empty snapshot (a new data folder). */
export function emptySnapshot(): SnapshotData {
  return { format: SNAPSHOT_FORMAT, seq: 0, collections: new Map(), history: [] };
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** Whether a parsed value describes a history segment. */
function isSegmentInfo(value: unknown): value is SegmentInfo {
  if (!isJsonObject(value)) return false;
  if (!isCount(value.gen) || value.gen === 0 || !isCount(value.bytes) || !isCount(value.records))
    return false;
  if (!isJsonObject(value.dead)) return false;
  return Object.values(value.dead).every(
    (ids) => Array.isArray(ids) && ids.every((id) => typeof id === 'string'),
  );
}

/**
 * The lowdb adapter of the snapshot file (`snapshot.json`). lowdb's own file adapters write
 * through steno (temporary file and rename, but no fsync) and stringify the whole document in
 * one go; this one keeps lowdb's `Adapter` contract and adds what a durable store needs:
 * serialization in slices, `fsync` of the file before the rename and of the folder after it,
 * and every call through the injectable {@link StoreFs}. On disk the document is plain JSON, one
 * record per line (so it is read a record at a time, past V8's longest string),
 * `{ format, seq, collections: { [name]: [record, ...] }, history: [segment, ...] }` (lowdb's usual
 * shape: arrays of records, which also parse faster than objects keyed by id); in memory each
 * collection is a map by id. History collections' records are not in it but in the segment files
 * `history` names (see `history/segment-file.ts`).
 */
export class SnapshotFile implements Adapter<SnapshotData> {
  readonly path: string;
  readonly tempPath: string;
  readonly #fs: StoreFs;
  readonly #dir: string;
  /** Size in bytes of the snapshot last read or written. */
  bytes = 0;

  constructor(fs: StoreFs, dir: string) {
    this.#fs = fs;
    this.#dir = dir;
    this.path = join(dir, 'snapshot.json');
    this.tempPath = join(dir, 'snapshot.json.tmp');
  }

  #damaged(why: string, cause?: unknown): StoreError {
    return new StoreError(
      'UNAVAILABLE',
      `the snapshot ${this.path} is damaged (${why}). It is only ever replaced whole by an atomic rename, ` +
        'so a crash cannot cause this: restore the data folder from a backup',
      { cause, details: { path: this.path } },
    );
  }

  /** Reads the snapshot; `null` when there is none yet. */
  async read(): Promise<SnapshotData | null> {
    let handle: StoreFileHandle;
    try {
      handle = await this.#fs.open(this.path, 'r');
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    let lines: SnapshotLines | undefined;
    try {
      lines = await readSnapshotLines(handle);
    } catch (error) {
      throw this.#damaged(messageOf(error), error);
    } finally {
      await closeQuietly(handle);
    }
    let parsed: unknown;
    let bytes: number;
    if (lines) {
      parsed = {
        format: SNAPSHOT_FORMAT,
        seq: lines.seq,
        collections: lines.collections,
        history: lines.history,
      };
      bytes = lines.bytes;
    } else {
      // An older snapshot, written without line breaks: parsed whole (up to V8's longest string, 512 MiB).
      const buffer = await this.#fs.readFile(this.path);
      bytes = buffer.length;
      try {
        parsed = JSON.parse(buffer.toString('utf8'));
      } catch (error) {
        throw this.#damaged(`not JSON: ${messageOf(error)}`, error);
      }
    }
    if (!isJsonObject(parsed)) throw this.#damaged('not an object');
    if (typeof parsed.format === 'number' && parsed.format > SNAPSHOT_FORMAT) {
      throw new StoreError(
        'UNAVAILABLE',
        `the snapshot ${this.path} has format ${parsed.format}, written by a newer @rapport/store-lowdb; upgrade to open it`,
      );
    }
    if (parsed.format !== 1 && parsed.format !== SNAPSHOT_FORMAT) throw this.#damaged('no format marker');
    const seq = parsed.seq;
    if (!Number.isSafeInteger(seq) || (seq as number) < 0) throw this.#damaged('no valid seq');
    if (!isJsonObject(parsed.collections)) throw this.#damaged('no collections object');
    const collections: CapturedState = new Map();
    for (const [name, records] of Object.entries(parsed.collections)) {
      if (!Array.isArray(records)) throw this.#damaged(`collection ${name} is not an array`);
      const map = new Map<string, StoredRecord>();
      for (const record of records as unknown[]) {
        const id = (record as { id?: unknown } | null)?.id;
        if (!isJsonObject(record) || typeof id !== 'string' || map.has(id)) {
          throw this.#damaged(`${name} holds an entry that is not a record with a unique id`);
        }
        map.set(id, record as StoredRecord);
      }
      collections.set(name, map);
    }
    const history = parsed.history ?? [];
    if (!Array.isArray(history) || !history.every(isSegmentInfo)) {
      throw this.#damaged('its history segments are not described right');
    }
    this.bytes = bytes;
    return { format: SNAPSHOT_FORMAT, seq: seq as number, collections, history };
  }

  /**
   * Replaces the snapshot durably: writes `snapshot.json.tmp`, fsyncs it, renames it over
   * `snapshot.json` and fsyncs the folder. A crash at any point leaves the old snapshot or the
   * new one, never a mix.
   */
  async write(data: SnapshotData): Promise<void> {
    await removeIfPresent(this.#fs, this.tempPath);
    const handle = await this.#fs.open(this.tempPath, 'wx');
    let bytes = 0;
    try {
      for await (const chunk of serializeSnapshot(data.seq, data.collections, data.history)) {
        await writeAll(handle, chunk);
        bytes += chunk.length;
      }
      await handle.sync();
    } catch (error) {
      await closeQuietly(handle);
      throw error;
    }
    await handle.close();
    await this.#fs.rename(this.tempPath, this.path);
    await syncDir(this.#fs, this.#dir);
    this.bytes = bytes;
  }
}
