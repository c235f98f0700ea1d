import type { StoreFileHandle } from '../fs/store-fs.js';

/** Bytes read at a time: from 64 KiB, doubling up to 8 MiB (small snapshots stay cheap to read). */
const FIRST_READ = 64 << 10;
const MAX_READ = 8 << 20;
const NEWLINE = 0x0a;
const HEADER = /^\{"format":2,"seq":(\d{1,16}),"collections":\{$/;
const OPEN = /^,?("(?:[^"\\]|\\.)*"):\[$/;
const FOOTER = '},"history":';

/** The parts of a snapshot document, as read line by line. */
export interface SnapshotLines {
  /** Bytes of the file. */
  bytes: number;
  seq: number;
  collections: Record<string, unknown[]>;
  history: unknown;
}

/**
 * Calls `onLine` with each line of the file (without its newline), reading a few MiB at a time,
 * until it returns `false`. Returns the text after the last newline (`undefined`: none) and the
 * bytes read.
 */
async function eachLine(
  handle: StoreFileHandle,
  onLine: (line: string, index: number) => boolean,
): Promise<{ rest: string | undefined; bytes: number }> {
  let carry = Buffer.alloc(0);
  let position = 0;
  let index = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(MAX_READ, Math.max(FIRST_READ, position)));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
    position += bytesRead;
    const data =
      carry.length === 0
        ? chunk.subarray(0, bytesRead)
        : Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
    let start = 0;
    let end = data.indexOf(NEWLINE, start);
    while (end >= 0) {
      if (!onLine(data.toString('utf8', start, end), index)) return { rest: undefined, bytes: position };
      index += 1;
      start = end + 1;
      end = data.indexOf(NEWLINE, start);
    }
    carry = data.subarray(start);
    if (bytesRead === 0)
      return { rest: carry.length > 0 ? carry.toString('utf8') : undefined, bytes: position };
  }
}

/**
 * Reads a snapshot written one record per line, as this version writes it:
 *
 * ```
 * {"format":2,"seq":5120,"collections":{
 * "customer":[
 * {...record...}
 * ,{...record...}
 * ]
 * ,"note":[
 * ]
 * },"history":[...]}
 * ```
 *
 * (plain JSON: any parser reads it whole), parsing each record on its own, so a snapshot larger
 * than the longest string V8 makes (512 MiB) can be read. Returns `undefined` when the file is not
 * laid out so (an older snapshot: the caller parses it whole); throws a description of the damage.
 */
export async function readSnapshotLines(handle: StoreFileHandle): Promise<SnapshotLines | undefined> {
  const probe = Buffer.alloc(128);
  const { bytesRead } = await handle.read(probe, 0, probe.length, 0);
  const newline = probe.subarray(0, bytesRead).indexOf(NEWLINE);
  if (newline < 0 || !HEADER.test(probe.toString('utf8', 0, newline))) return undefined;
  let result: SnapshotLines | undefined;
  let current: unknown[] | undefined;
  let ended = false;
  let damage: string | undefined;
  const fail = (why: string, index: number): false => {
    damage = `line ${index + 1}: ${why}`;
    return false;
  };
  const { rest, bytes } = await eachLine(handle, (line, index) => {
    if (index === 0) {
      const head = HEADER.exec(line) as RegExpExecArray; // the probe matched it
      result = { bytes: 0, seq: Number(head[1]), collections: {}, history: [] };
      return true;
    }
    const snapshot = result as SnapshotLines;
    if (ended) return line === '' ? true : fail('text after the end of the document', index);
    if (current) {
      if (line === ']') {
        current = undefined;
        return true;
      }
      try {
        current.push(JSON.parse(line.startsWith(',') ? line.slice(1) : line));
      } catch {
        return fail('a record that is not JSON', index);
      }
      return true;
    }
    const open = OPEN.exec(line);
    if (open) {
      current = [];
      snapshot.collections[JSON.parse(open[1] as string) as string] = current;
      return true;
    }
    if (line.startsWith(FOOTER)) {
      try {
        snapshot.history = (JSON.parse(`{${line.slice(2)}`) as { history: unknown }).history;
      } catch {
        return fail('the history list is not JSON', index);
      }
      ended = true;
      return true;
    }
    return fail('neither a collection nor the end of the document', index);
  });
  if (damage) throw new Error(damage);
  if (rest !== undefined || !ended || !result) throw new Error('the document ends before its last line');
  result.bytes = bytes;
  return result;
}
