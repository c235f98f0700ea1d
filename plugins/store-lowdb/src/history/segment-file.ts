import { join } from 'node:path';
import { closeQuietly, removeIfPresent, syncDir, writeAll } from '../fs/fs-helpers.js';
import type { StoreFileHandle, StoreFs } from '../fs/store-fs.js';
import { frameLine, readLine } from '../journal/record-codec.js';

const SEGMENT_NAME = /^history-(\d+)\.log$/;
/** Bytes gathered before one write. */
const WRITE_BYTES = 1 << 20;
/** Bytes read at a time when scanning. */
const READ_BYTES = 4 << 20;

/** The file name of history segment generation `gen`: `history-000003.log`. */
export function segmentName(gen: number): string {
  return `history-${String(gen).padStart(6, '0')}.log`;
}

/** The path of segment `gen` in `dir`. */
export function segmentPath(dir: string, gen: number): string {
  return join(dir, segmentName(gen));
}

/** The generations of the segment files in `dir`. */
export async function listSegments(fs: StoreFs, dir: string): Promise<number[]> {
  const gens: number[] = [];
  for (const name of await fs.readdir(dir)) {
    const match = SEGMENT_NAME.exec(name);
    if (match) gens.push(Number(match[1]));
  }
  return gens.sort((a, b) => a - b);
}

/** The JSON before a record in a segment line of `collection`: `{"c":"_audit","r":`. */
function linePrefix(collection: string): string {
  return `{"c":${JSON.stringify(collection)},"r":`;
}

/**
 * Writes one history segment: a file of lines framed as the journal's (`<length> <crc32> <json>\n`),
 * each `{"c":<collection>,"r":<record>}`, written once by a compaction and never changed after;
 * each `add` tells where the record's JSON lies in the file. `finish` syncs and closes it.
 */
export class SegmentWriter {
  readonly path: string;
  readonly #fs: StoreFs;
  readonly #handle: StoreFileHandle;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #bytes = 0;
  records = 0;

  private constructor(fs: StoreFs, path: string, handle: StoreFileHandle) {
    this.#fs = fs;
    this.path = path;
    this.#handle = handle;
  }

  /** Creates the segment file (it must not exist). */
  static async create(fs: StoreFs, path: string): Promise<SegmentWriter> {
    return new SegmentWriter(fs, path, await fs.open(path, 'wx'));
  }

  /** Bytes added so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Adds a record (its JSON bytes); returns where the record lies in the file. */
  async add(collection: string, record: Buffer): Promise<{ offset: number; length: number }> {
    const prefix = Buffer.from(linePrefix(collection));
    const line = frameLine(Buffer.concat([prefix, record, Buffer.from('}')]));
    const head = line.length - (prefix.length + record.length + 2);
    const offset = this.#bytes + head + prefix.length;
    this.#pending.push(line);
    this.#pendingBytes += line.length;
    this.#bytes += line.length;
    this.records += 1;
    if (this.#pendingBytes >= WRITE_BYTES) await this.#flush();
    return { offset, length: record.length };
  }

  async #flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const buffer = Buffer.concat(this.#pending);
    this.#pending = [];
    this.#pendingBytes = 0;
    await writeAll(this.#handle, buffer);
  }

  /** Writes what is left, syncs the file and its folder entry, and closes it. */
  async finish(dir: string): Promise<void> {
    await this.#flush();
    await this.#handle.sync();
    await this.#handle.close();
    await syncDir(this.#fs, dir);
  }

  /** Closes and removes the file after a failure. */
  async abandon(): Promise<void> {
    await closeQuietly(this.#handle);
    await removeIfPresent(this.#fs, this.path).catch(() => undefined);
  }
}

/** One record found by {@link scanSegment}. */
export interface SegmentEntry {
  collection: string;
  record: Record<string, unknown>;
  /** Where the record's JSON lies in the file. */
  offset: number;
  length: number;
}

function entryOf(body: Buffer, bodyStart: number): SegmentEntry | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return 'a line is not JSON';
  }
  const { c, r } = (parsed ?? {}) as { c?: unknown; r?: unknown };
  if (
    typeof c !== 'string' ||
    typeof r !== 'object' ||
    r === null ||
    typeof (r as { id?: unknown }).id !== 'string'
  ) {
    return 'a line is not a history record';
  }
  const prefix = Buffer.from(linePrefix(c));
  if (!body.subarray(0, prefix.length).equals(prefix))
    return 'a line is not laid out as this version writes it';
  return {
    collection: c,
    record: r as Record<string, unknown>,
    offset: bodyStart + prefix.length,
    length: body.length - prefix.length - 1,
  };
}

/**
 * Reads a segment's `bytes` first bytes in pieces, handing each record to `onEntry`; returns a
 * description of the damage when a line is not whole and intact (a segment is complete and synced
 * before a snapshot names it, so this is never crash damage).
 */
export async function scanSegment(
  handle: StoreFileHandle,
  bytes: number,
  onEntry: (entry: SegmentEntry) => void,
): Promise<string | undefined> {
  let carry = Buffer.alloc(0);
  let carryStart = 0; // file offset of carry[0]
  let position = 0;
  while (position < bytes || carry.length > 0) {
    if (position < bytes) {
      const chunk = Buffer.allocUnsafe(Math.min(READ_BYTES, bytes - position));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead <= 0) return `the file is shorter than the ${bytes} bytes the snapshot names`;
      carry =
        carry.length === 0
          ? chunk.subarray(0, bytesRead)
          : Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
      position += bytesRead;
    }
    let pos = 0;
    while (pos < carry.length) {
      const line = readLine(carry, pos);
      if ('error' in line) {
        if (position < bytes && line.error.startsWith('record cut short')) break; // the rest comes with the next piece
        return `${line.error} at byte ${carryStart + pos}`;
      }
      const entry = entryOf(line.body, carryStart + line.next - line.body.length - 1);
      if (typeof entry === 'string') return `${entry} at byte ${carryStart + pos}`;
      onEntry(entry);
      pos = line.next;
    }
    carry = carry.subarray(pos);
    carryStart += pos;
  }
  return undefined;
}
