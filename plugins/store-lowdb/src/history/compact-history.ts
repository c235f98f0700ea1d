import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { StoredRecord } from '@rapport/core';
import type { StoreFs } from '../fs/store-fs.js';
import type { Database } from '../state/database.js';
import { generationOf, isJournalFile, segmentFileId } from './file-ids.js';
import type { ReadFiles } from './read-files.js';
import { SegmentWriter, segmentPath } from './segment-file.js';
import type { SegmentInfo, SegmentState } from './segment-table.js';
import { readSpans, type Span } from './windowed-read.js';

/** Segments past which a compaction merges them all into one. */
export const MAX_SEGMENTS = 8;
/** Spans read and copied at a time. */
const COPY_BATCH = 4_096;

/** Records of one history collection a compaction writes to its new segment. */
interface PlannedCollection {
  name: string;
  /** Records in memory, written from there. */
  residents: StoredRecord[];
  /** Where each resident record was placed at the capture (`-1`: nowhere yet). */
  residentAt: { file: number[]; offset: number[] };
  /** Records on disk (in a journal, or in a segment being merged), copied byte for byte, in file order. */
  located: { ids: string[]; file: number[]; offset: number[]; length: number[] };
}

/** What a compaction does with the history collections, decided in its synchronous capture step. */
export interface HistoryPlan {
  merge: boolean;
  collections: PlannedCollection[];
  /** The segments the new snapshot keeps (their dead records as of the capture). */
  keep: SegmentInfo[];
  /** File numbers of the segments a merge replaces. */
  replaced: number[];
  /** File numbers held until the new segment is written. */
  held: number[];
}

/** The new segment, and where each planned record lies in it (`to[i]` for item i: residents first). */
export interface WrittenHistory {
  state: SegmentState;
  to: { offset: number[]; length: number[] }[];
}

/** Whether the segments should be merged: too many, mostly dead records, or holding what must leave. */
export function shouldMerge(db: Database, forced: boolean): boolean {
  const segments = db.segments.segments;
  if (segments.length === 0) return false;
  const { records, dead } = db.segments.totals();
  return forced || segments.length >= MAX_SEGMENTS || dead * 2 > records;
}

/** Orders item positions by file, then offset (they usually are already: append order). */
function fileOrder(file: number[], offset: number[]): number[] {
  const order = file.map((_, i) => i);
  for (let i = 1; i < order.length; i += 1) {
    if (
      (file[i] as number) < (file[i - 1] as number) ||
      (file[i] === file[i - 1] && (offset[i] as number) < (offset[i - 1] as number))
    ) {
      return order.sort(
        (a, b) => (file[a] as number) - (file[b] as number) || (offset[a] as number) - (offset[b] as number),
      );
    }
  }
  return order;
}

/**
 * Decides, in the compaction's synchronous capture step, which history records go into the new
 * segment: every one not yet in a segment (in memory or in a journal), and with `merge` every one
 * of the current segments too. Holds the files to copy from.
 */
export function planHistory(db: Database, files: ReadFiles, merge: boolean): HistoryPlan {
  const collections: PlannedCollection[] = [];
  const heldFiles = new Set<number>();
  for (const captured of db.captureHistory()) {
    const live = db.collection(captured.name).locations;
    const residents: StoredRecord[] = [];
    const residentAt = { file: [] as number[], offset: [] as number[] };
    for (const record of captured.resident.values()) {
      const at = live?.get(record.id);
      if (!merge && at && !isJournalFile(at.file)) continue; // already in a segment that stays
      residents.push(record);
      residentAt.file.push(at?.file ?? -1);
      residentAt.offset.push(at?.offset ?? -1);
    }
    const { count, ids, file, offset, length } = captured.locations;
    const picked = {
      ids: [] as string[],
      file: [] as number[],
      offset: [] as number[],
      length: [] as number[],
    };
    for (let slot = 0; slot < count; slot += 1) {
      const id = ids[slot];
      if (id === undefined || captured.resident.has(id)) continue;
      const at = file[slot] as number;
      if (!merge && !isJournalFile(at)) continue;
      picked.ids.push(id);
      picked.file.push(at);
      picked.offset.push(offset[slot] as number);
      picked.length.push(length[slot] as number);
      heldFiles.add(at);
    }
    const order = fileOrder(picked.file, picked.offset);
    const located = {
      ids: order.map((i) => picked.ids[i] as string),
      file: order.map((i) => picked.file[i] as number),
      offset: order.map((i) => picked.offset[i] as number),
      length: order.map((i) => picked.length[i] as number),
    };
    if (residents.length > 0 || located.ids.length > 0) {
      collections.push({ name: captured.name, residents, residentAt, located });
    }
  }
  const held: number[] = [];
  for (const file of heldFiles) {
    files.hold(file);
    held.push(file);
  }
  const segments = db.segments.describe();
  return {
    merge,
    collections,
    keep: merge ? [] : segments,
    replaced: merge ? db.segments.segments.map((segment) => segment.file) : [],
    held,
  };
}

/** Releases the files a plan holds. */
export function releasePlan(plan: HistoryPlan, files: ReadFiles): void {
  for (const file of plan.held) files.release(file);
  plan.held = [];
}

/**
 * Writes the plan's records to segment `gen` (records in memory serialized, records on disk
 * copied in file order, a few MiB at a time, yielding to requests), synced with its folder entry.
 * `undefined` when there is nothing to write.
 */
export async function writeHistory(
  ctx: { fs: StoreFs; dir: string; files: ReadFiles; gen: number },
  plan: HistoryPlan,
): Promise<WrittenHistory | undefined> {
  if (plan.collections.length === 0) return undefined;
  const writer = await SegmentWriter.create(ctx.fs, segmentPath(ctx.dir, ctx.gen));
  try {
    const to: WrittenHistory['to'] = [];
    for (const collection of plan.collections) {
      const placed = { offset: [] as number[], length: [] as number[] };
      to.push(placed);
      const keep = (at: { offset: number; length: number }): void => {
        placed.offset.push(at.offset);
        placed.length.push(at.length);
      };
      let sliceStart = performance.now();
      for (const record of collection.residents) {
        keep(await writer.add(collection.name, Buffer.from(JSON.stringify(record))));
        if (performance.now() - sliceStart > 4) {
          await yieldToEventLoop();
          sliceStart = performance.now();
        }
      }
      const { ids, file, offset, length } = collection.located;
      for (let start = 0; start < ids.length; start += COPY_BATCH) {
        const spans: Span[] = [];
        for (let i = start; i < Math.min(ids.length, start + COPY_BATCH); i += 1) {
          spans.push({ file: file[i] as number, offset: offset[i] as number, length: length[i] as number });
        }
        const copies: Buffer[] = new Array(spans.length);
        await readSpans(ctx.files, spans, (i, bytes) => {
          copies[i] = bytes;
        });
        for (const bytes of copies) keep(await writer.add(collection.name, bytes));
        await yieldToEventLoop();
      }
    }
    await writer.finish(ctx.dir);
    return {
      state: {
        gen: ctx.gen,
        file: segmentFileId(ctx.gen),
        bytes: writer.bytes,
        records: writer.records,
        dead: new Map(),
        deadCount: 0,
      },
      to,
    };
  } catch (error) {
    await writer.abandon();
    throw error;
  }
}

/**
 * Once the snapshot naming the new segment is durable: every record written to it that is still
 * current is now read from there; one replaced or deleted since the capture is dead there. After
 * this no location names a journal older than `journalGen` or a segment the merge replaced.
 */
export function relocateHistory(
  db: Database,
  plan: HistoryPlan,
  written: WrittenHistory | undefined,
  journalGen: number,
): void {
  if (written) {
    const segment = written.state;
    plan.collections.forEach((planned, c) => {
      const collection = db.collection(planned.name);
      const locations = collection.locations;
      const to = written.to[c] as WrittenHistory['to'][number];
      const move = (i: number, id: string, current: boolean): void => {
        if (current && locations) {
          const wasPlaced = locations.has(id);
          locations.set(id, segment.file, to.offset[i] as number, to.length[i] as number);
          const resident = collection.records.get(id);
          if (!wasPlaced && resident) db.tail.push(collection, resident);
        } else {
          segment.dead.set(planned.name, (segment.dead.get(planned.name) ?? new Set()).add(id));
          segment.deadCount += 1;
        }
      };
      planned.residents.forEach((record, i) => {
        const at = locations?.get(record.id);
        // Current: still the version in memory, or left memory since, placed where it was at the
        // capture or (placed after it) in a journal the compaction replaces.
        const current =
          collection.records.get(record.id) === record ||
          (at !== undefined &&
            ((at.file === planned.residentAt.file[i] && at.offset === planned.residentAt.offset[i]) ||
              (isJournalFile(at.file) &&
                generationOf(at.file) < journalGen &&
                !collection.records.has(record.id))));
        move(i, record.id, current);
      });
      const base = planned.residents.length;
      planned.located.ids.forEach((id, i) => {
        const at = locations?.get(id);
        move(
          base + i,
          id,
          at !== undefined && at.file === planned.located.file[i] && at.offset === planned.located.offset[i],
        );
      });
    });
  }
  const kept = plan.merge ? [] : db.segments.segments;
  db.segments.replace(written ? [...kept, written.state] : kept);
}
