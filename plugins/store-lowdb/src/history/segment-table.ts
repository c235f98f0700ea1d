/** One history segment as a snapshot describes it. */
export interface SegmentInfo {
  gen: number;
  /** Bytes of the file (its records were all written and synced before any snapshot named it). */
  bytes: number;
  /** Records written to it. */
  records: number;
  /** Ids of its records that were replaced or deleted since, by collection. */
  dead: Record<string, string[]>;
}

/** A segment in memory: its figures and the ids of its records no longer current. */
export interface SegmentState {
  gen: number;
  file: number;
  bytes: number;
  records: number;
  dead: Map<string, Set<string>>;
  deadCount: number;
}

/**
 * The history segments the store reads from, with the records of each that were replaced or
 * deleted (a segment is never rewritten: the next merge leaves them out, and until then a reopen
 * skips them).
 */
export class SegmentTable {
  #byFile = new Map<number, SegmentState>();

  get segments(): SegmentState[] {
    return [...this.#byFile.values()];
  }

  get(file: number): SegmentState | undefined {
    return this.#byFile.get(file);
  }

  /** Replaces the list (after a compaction made a new snapshot durable). */
  replace(segments: readonly SegmentState[]): void {
    this.#byFile = new Map(segments.map((segment) => [segment.file, segment]));
  }

  /** Notes that a segment's copy of a record is no longer current. */
  markDead(file: number, collection: string, id: string): void {
    const segment = this.#byFile.get(file);
    if (!segment) return;
    let ids = segment.dead.get(collection);
    if (!ids) {
      ids = new Set();
      segment.dead.set(collection, ids);
    }
    if (!ids.has(id)) {
      ids.add(id);
      segment.deadCount += 1;
    }
  }

  /** Total bytes and records of every segment, and how many of those records are dead. */
  totals(): { bytes: number; records: number; dead: number } {
    let bytes = 0;
    let records = 0;
    let dead = 0;
    for (const segment of this.#byFile.values()) {
      bytes += segment.bytes;
      records += segment.records;
      dead += segment.deadCount;
    }
    return { bytes, records, dead };
  }

  /** The segments as the snapshot records them (the dead sets copied as they are now). */
  describe(): SegmentInfo[] {
    return this.segments.map(segmentInfo);
  }
}

/** A segment as the snapshot records it (its dead set copied as it is now). */
export function segmentInfo(segment: SegmentState): SegmentInfo {
  return {
    gen: segment.gen,
    bytes: segment.bytes,
    records: segment.records,
    dead: Object.fromEntries([...segment.dead].map(([collection, ids]) => [collection, [...ids]])),
  };
}

/** A segment's in-memory state from its snapshot description. */
export function segmentState(info: SegmentInfo, file: number): SegmentState {
  const dead = new Map<string, Set<string>>();
  let deadCount = 0;
  for (const [collection, ids] of Object.entries(info.dead)) {
    dead.set(collection, new Set(ids));
    deadCount += ids.length;
  }
  return { gen: info.gen, file, bytes: info.bytes, records: info.records, dead, deadCount };
}
