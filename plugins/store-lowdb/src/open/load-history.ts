import { type StoredRecord, StoreError, type StoreSchema } from '@rapport/core';
import { closeQuietly, removeIfPresent } from '../fs/fs-helpers.js';
import type { StoreFs } from '../fs/store-fs.js';
import { segmentFileId } from '../history/file-ids.js';
import type { ReadFiles } from '../history/read-files.js';
import { listSegments, scanSegment, segmentPath } from '../history/segment-file.js';
import { type SegmentInfo, segmentState } from '../history/segment-table.js';
import { IndexSet } from '../state/collection-state.js';
import type { Database } from '../state/database.js';

/** What loading the history segments found. */
export interface LoadedHistory {
  /** Segments hold records of collections the schema no longer marks as history: the next compaction merges them out. */
  mustMerge: boolean;
  /** Records of history collections that are in memory only (from an older snapshot): the next compaction writes them out. */
  unplaced: number;
}

function damagedSegment(path: string, why: string, cause?: unknown): StoreError {
  return new StoreError(
    'UNAVAILABLE',
    `the history segment ${path} is damaged (${why}). A segment is complete and synced before a snapshot ` +
      'names it, so a crash cannot cause this: restore the data folder from a backup',
    { details: { path }, ...(cause === undefined ? {} : { cause }) },
  );
}

/**
 * Marks the schema's history collections as such and builds their indexes (empty, or over the
 * records an older snapshot held in memory) before their records are loaded, so each record is
 * indexed as it is read and then leaves memory. Returns the index sets to fill.
 */
function prepareCollections(db: Database, schema: StoreSchema): Map<string, IndexSet> {
  const sets = new Map<string, IndexSet>();
  for (const spec of schema.collections) {
    if (!spec.history) continue;
    const collection = db.collection(spec.name);
    collection.makeHistory();
    const set = new IndexSet(spec.name, spec.indexes, { ordered: false });
    for (const record of collection.records.values()) set.add(record);
    collection.useIndexes(set);
    sets.set(spec.name, set);
  }
  return sets;
}

/**
 * Loads the history segments the snapshot names: each record is indexed, its location kept and
 * the record itself dropped (records the segment's dead list names are skipped). A collection
 * the schema declares as ordinary is loaded into memory instead. Segment files no snapshot names
 * (left by a compaction a crash interrupted) are removed.
 */
export async function loadHistory(
  fs: StoreFs,
  dir: string,
  db: Database,
  files: ReadFiles,
  segments: readonly SegmentInfo[],
  schema: StoreSchema,
): Promise<LoadedHistory> {
  const sets = prepareCollections(db, schema);
  const ordinary = new Set(schema.collections.filter((spec) => !spec.history).map((spec) => spec.name));
  let unplaced = 0;
  for (const set of sets.values()) unplaced += db.collection(set.name).records.size;
  let mustMerge = false;
  for (const info of segments) {
    const path = segmentPath(dir, info.gen);
    const state = segmentState(info, segmentFileId(info.gen));
    let handle: Awaited<ReturnType<StoreFs['open']>>;
    try {
      handle = await fs.open(path, 'r');
    } catch (error) {
      throw damagedSegment(path, 'it cannot be opened', error);
    }
    try {
      const damage = await scanSegment(handle, info.bytes, ({ collection: name, record, offset, length }) => {
        const id = record.id as string;
        if (state.dead.get(name)?.has(id)) return;
        const collection = db.collection(name);
        if (ordinary.has(name)) {
          collection.records.set(id, record as StoredRecord);
          mustMerge = true;
          return;
        }
        collection.makeHistory();
        if (collection.has(id)) throw damagedSegment(path, `${name} ${id} is there twice`);
        sets.get(name)?.add(record as StoredRecord);
        collection.locations?.set(id, state.file, offset, length);
        collection.countLive(1);
      });
      if (damage) throw damagedSegment(path, damage);
    } finally {
      await closeQuietly(handle);
    }
    await files.open(state.file, path);
    db.segments.replace([...db.segments.segments, state]);
  }
  const named = new Set(segments.map((segment) => segment.gen));
  for (const gen of await listSegments(fs, dir)) {
    if (!named.has(gen)) await removeIfPresent(fs, segmentPath(dir, gen));
  }
  return { mustMerge, unplaced };
}
