import { crc32 } from 'node:zlib';
import { isJournalEntry, type JournalEntry } from './entry.js';

const NEWLINE = 0x0a;
const NEWLINE_BYTE = Buffer.from([NEWLINE]);
const HEADER = /^(\d{1,10}) ([0-9a-f]{8}) /;

/** Where the JSON of a put's record lies within an encoded line: byte offset and length. */
export interface RecordSpan {
  start: number;
  length: number;
}

/** An encoded journal record and, for each put, where its record's JSON lies in the line. */
export interface EncodedEntry {
  line: Buffer;
  /** `spans[i]` for `ops[i]` when it is a put; `undefined` for a delete. */
  spans: (RecordSpan | undefined)[];
}

/** Frames JSON bytes as one record line: `<byte length> <crc32 hex> <json>\n`. */
export function frameLine(json: Buffer): Buffer {
  const crc = crc32(json).toString(16).padStart(8, '0');
  return Buffer.concat([Buffer.from(`${json.length} ${crc} `), json, NEWLINE_BYTE]);
}

/**
 * Encodes one journal record as one line (see {@link encodeRecord}) and tells where each put's
 * record lies in it, so the store can read a record of a history collection back from the
 * journal without keeping it in memory. The JSON is exactly `JSON.stringify(entry)`.
 */
export function encodeEntry(entry: JournalEntry): EncodedEntry {
  // Positions are taken in characters while the JSON is built, and turned into byte positions
  // after: for an all-ASCII line (most lines) they are the same.
  let json = `{"seq":${entry.seq},"ops":[`;
  const spans: (RecordSpan | undefined)[] = new Array(entry.ops.length);
  entry.ops.forEach((op, i) => {
    json += `${i === 0 ? '' : ','}{"op":"${op.op}","c":${JSON.stringify(op.c)},"id":${JSON.stringify(op.id)}`;
    if (op.op === 'put') {
      json += ',"r":';
      const start = json.length;
      json += JSON.stringify(op.r);
      spans[i] = { start, length: json.length - start };
    }
    json += '}';
  });
  json += ']}';
  const bytes = Buffer.from(json);
  if (bytes.length !== json.length) toByteSpans(json, spans);
  const line = frameLine(bytes);
  const head = line.length - bytes.length - 1;
  for (const span of spans) if (span) span.start += head;
  return { line, spans };
}

/** Turns character positions in `json` into UTF-8 byte positions, in place (spans are in order). */
function toByteSpans(json: string, spans: (RecordSpan | undefined)[]): void {
  let chars = 0;
  let bytes = 0;
  for (const span of spans) {
    if (!span) continue;
    bytes += Buffer.byteLength(json.slice(chars, span.start));
    const length = Buffer.byteLength(json.slice(span.start, span.start + span.length));
    chars = span.start + span.length;
    span.start = bytes;
    span.length = length;
    bytes += length;
  }
}

/**
 * Encodes one journal record as one line (bytes): `<byte length> <crc32 hex> <json>\n`. The length and
 * the CRC-32 of the JSON bytes let a reader tell a whole record from a torn or damaged one.
 *
 * @example
 * ```ts
 * encodeRecord({ seq: 1, ops: [] }).toString(); // '18 69384fa1 {"seq":1,"ops":[]}\n'
 * ```
 */
export function encodeRecord(entry: JournalEntry): Buffer {
  return encodeEntry(entry).line;
}

/** Where and why decoding stopped before the end of the file. */
export interface JournalDamage {
  /** Byte offset of the first record that is not whole and intact. */
  offset: number;
  reason: string;
  /** Intact-looking records found after the damage (0 for a torn tail left by a crash). */
  intactAfter: number;
}

/** What {@link decodeJournal} read from a journal file. */
export interface DecodedJournal {
  entries: JournalEntry[];
  /** Byte offset of each entry's line (`starts[i]` for `entries[i]`). */
  starts: number[];
  /** Bytes of whole, intact records from the start (where a damaged file should be cut). */
  validBytes: number;
  damage?: JournalDamage;
}

type LineResult = { body: Buffer; next: number } | { error: string };

/** Reads one framed line at `start`: its JSON bytes once length and checksum match. */
export function readLine(buffer: Buffer, start: number): LineResult {
  const end = buffer.indexOf(NEWLINE, start);
  if (end < 0) return { error: `record cut short (${buffer.length - start} bytes, no end of line)` };
  const head = HEADER.exec(buffer.toString('latin1', start, Math.min(end, start + 24)));
  if (!head) return { error: 'record header unreadable' };
  const length = Number(head[1]);
  const bodyStart = start + head[0].length;
  if (bodyStart + length !== end) return { error: `record length ${length} does not match the line` };
  const body = buffer.subarray(bodyStart, end);
  if (crc32(body) !== Number.parseInt(head[2] as string, 16)) return { error: 'record checksum mismatch' };
  return { body, next: end + 1 };
}

type EntryResult = { entry: JournalEntry; next: number } | { error: string };

function decodeLine(buffer: Buffer, start: number): EntryResult {
  const line = readLine(buffer, start);
  if ('error' in line) return line;
  const { body } = line;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { error: 'record is not JSON' };
  }
  if (!isJournalEntry(parsed)) return { error: 'record is not a journal entry' };
  return { entry: parsed, next: line.next };
}

/** Counts the lines after `from` that decode as intact records. */
function countIntact(buffer: Buffer, from: number): number {
  let count = 0;
  let pos = buffer.indexOf(NEWLINE, from);
  while (pos >= 0 && pos + 1 < buffer.length) {
    const result = decodeLine(buffer, pos + 1);
    if ('entry' in result) count += 1;
    pos = buffer.indexOf(NEWLINE, pos + 1);
  }
  return count;
}

/**
 * Decodes a journal file: every whole, intact record from the start, stopping at the first one
 * that is cut short, fails its checksum or is not a journal entry.
 */
export function decodeJournal(buffer: Buffer): DecodedJournal {
  const entries: JournalEntry[] = [];
  const starts: number[] = [];
  let pos = 0;
  while (pos < buffer.length) {
    const result = decodeLine(buffer, pos);
    if ('error' in result) {
      return {
        entries,
        starts,
        validBytes: pos,
        damage: { offset: pos, reason: result.error, intactAfter: countIntact(buffer, pos) },
      };
    }
    entries.push(result.entry);
    starts.push(pos);
    pos = result.next;
  }
  return { entries, starts, validBytes: pos };
}
