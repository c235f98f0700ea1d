import { crc32 } from 'node:zlib';
import { isJournalEntry, type JournalEntry } from './entry.js';

const NEWLINE = 0x0a;
const NEWLINE_BYTE = Buffer.from([NEWLINE]);
const HEADER = /^(\d{1,10}) ([0-9a-f]{8}) /;

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
  // One UTF-8 encoding serves the CRC, the length and the bytes written.
  const json = Buffer.from(JSON.stringify(entry));
  const crc = crc32(json).toString(16).padStart(8, '0');
  return Buffer.concat([Buffer.from(`${json.length} ${crc} `), json, NEWLINE_BYTE]);
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
  /** Bytes of whole, intact records from the start (where a damaged file should be cut). */
  validBytes: number;
  damage?: JournalDamage;
}

type LineResult = { entry: JournalEntry; next: number } | { error: string };

function decodeLine(buffer: Buffer, start: number): LineResult {
  const end = buffer.indexOf(NEWLINE, start);
  if (end < 0) return { error: `record cut short (${buffer.length - start} bytes, no end of line)` };
  const head = HEADER.exec(buffer.toString('latin1', start, Math.min(end, start + 24)));
  if (!head) return { error: 'record header unreadable' };
  const length = Number(head[1]);
  const bodyStart = start + head[0].length;
  if (bodyStart + length !== end) return { error: `record length ${length} does not match the line` };
  const body = buffer.subarray(bodyStart, end);
  if (crc32(body) !== Number.parseInt(head[2] as string, 16)) return { error: 'record checksum mismatch' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { error: 'record is not JSON' };
  }
  if (!isJournalEntry(parsed)) return { error: 'record is not a journal entry' };
  return { entry: parsed, next: end + 1 };
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
  let pos = 0;
  while (pos < buffer.length) {
    const result = decodeLine(buffer, pos);
    if ('error' in result) {
      return {
        entries,
        validBytes: pos,
        damage: { offset: pos, reason: result.error, intactAfter: countIntact(buffer, pos) },
      };
    }
    entries.push(result.entry);
    pos = result.next;
  }
  return { entries, validBytes: pos };
}
