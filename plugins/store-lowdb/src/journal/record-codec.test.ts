import { describe, expect, it } from 'vitest';
import { customer } from '../test-support/fixtures.js';
import type { JournalEntry } from './entry.js';
import { decodeJournal, encodeEntry, encodeRecord, frameLine } from './record-codec.js';

const entries: JournalEntry[] = [
  {
    seq: 1,
    ops: [{ op: 'put', c: 'customer', id: 'a', r: customer('a', { name: 'Zoë ✓ "quoted"\nline' }) }],
  },
  { seq: 2, ops: [{ op: 'del', c: 'customer', id: 'a' }] },
  { seq: 3, ops: [] },
];
const file = Buffer.concat(entries.map(encodeRecord));

describe('journal record codec', () => {
  it('round-trips records, one line each, non-ASCII and escaped newlines included', () => {
    expect(file.toString('utf8').split('\n')).toHaveLength(4);
    const starts = [0, encodeRecord(entries[0] as JournalEntry).length];
    starts.push((starts[1] as number) + encodeRecord(entries[1] as JournalEntry).length);
    expect(decodeJournal(file)).toEqual({ entries, starts, validBytes: file.length });
    expect(decodeJournal(Buffer.alloc(0))).toEqual({ entries: [], starts: [], validBytes: 0 });
  });

  it.each([
    ['cut mid-record', (b: Buffer) => b.subarray(0, b.length - 5), 'record cut short'],
    ['cut before the newline', (b: Buffer) => b.subarray(0, b.length - 1), 'record cut short'],
    ['zeros appended', (b: Buffer) => Buffer.concat([b, Buffer.alloc(4096)]), 'record cut short'],
    [
      'garbage line appended',
      (b: Buffer) => Buffer.concat([b, Buffer.from('hello\n')]),
      'record header unreadable',
    ],
  ])('stops at a torn tail: %s', (_label, damage, reason) => {
    const decoded = decodeJournal(damage(file));
    const lastStart = file.length - encodeRecord(entries[2] as JournalEntry).length;
    const intactBytes = reason === 'record cut short' && _label.startsWith('cut') ? lastStart : file.length;
    expect(decoded.entries).toHaveLength(intactBytes === file.length ? 3 : 2);
    expect(decoded.validBytes).toBe(intactBytes);
    expect(decoded.damage).toMatchObject({
      offset: intactBytes,
      reason: expect.stringContaining(reason),
      intactAfter: 0,
    });
  });

  it('detects a flipped byte by its checksum and counts the intact records after it', () => {
    const damaged = Buffer.from(file);
    const at = damaged.indexOf('"a"');
    damaged[at + 1] = 'b'.charCodeAt(0);
    const decoded = decodeJournal(damaged);
    expect(decoded.entries).toEqual([]);
    expect(decoded.damage).toEqual({ offset: 0, reason: 'record checksum mismatch', intactAfter: 2 });
  });

  it('refuses a length that does not match the line, and a well-formed record that is not an entry', () => {
    const wrongLength = Buffer.from(
      encodeRecord(entries[2] as JournalEntry)
        .toString()
        .replace(/^\d+/, '99'),
    );
    expect(decodeJournal(wrongLength).damage?.reason).toContain('does not match');
    const notEntry = encodeRecord({ seq: -1, ops: [] } as JournalEntry);
    expect(decodeJournal(notEntry).damage?.reason).toBe('record is not a journal entry');
  });
});

describe('encodeEntry', () => {
  it('writes JSON.stringify(entry) and tells where each put record lies, in bytes', () => {
    const entry: JournalEntry = {
      seq: 9,
      ops: [
        { op: 'put', c: 'customer', id: 'a', r: customer('a', { name: 'Zoë ✓ 🙂' }) },
        { op: 'del', c: 'customer', id: 'b' },
        { op: 'put', c: 'note', id: 'n', r: { ...customer('n'), text: 'plain' } },
      ],
    };
    const { line, spans } = encodeEntry(entry);
    expect(line.equals(frameLine(Buffer.from(JSON.stringify(entry))))).toBe(true);
    expect(spans[1]).toBeUndefined();
    for (const i of [0, 2]) {
      const span = spans[i] as { start: number; length: number };
      const op = entry.ops[i] as { r: unknown };
      expect(JSON.parse(line.subarray(span.start, span.start + span.length).toString('utf8'))).toEqual(op.r);
    }
  });
});
