import { describe, expect, it } from 'vitest';
import { InvalidQueryError } from '../errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { SortKey } from './types.js';

const sort: SortKey[] = [
  { field: 'createdAt', direction: 'desc' },
  { field: 'id', direction: 'asc' },
];

function rejects(cursor: string, keys: SortKey[], pattern: RegExp): void {
  let caught: unknown;
  try {
    decodeCursor(cursor, keys);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InvalidQueryError);
  expect((caught as InvalidQueryError).message).toMatch(pattern);
  expect((caught as InvalidQueryError).details).toMatchObject({ field: 'cursor' });
}

const raw = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');

describe('cursor', () => {
  it('round-trips sort values, nulls and objects included', () => {
    const values = ['2026-03-01T09:00:00.000Z', 'c-1'];
    const cursor = encodeCursor(values, sort);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, sort)).toEqual(values);
    const odd = [null, { a: [1, 'é'] }];
    expect(decodeCursor(encodeCursor(odd, sort), sort)).toEqual(odd);
  });

  it('rejects a cursor made for another sort', () => {
    const cursor = encodeCursor(['x', 'c-1'], sort);
    rejects(
      cursor,
      [
        { field: 'createdAt', direction: 'asc' },
        { field: 'id', direction: 'asc' },
      ],
      /made for sort '-createdAt,id', not 'createdAt,id'/,
    );
    rejects(cursor, [{ field: 'id', direction: 'asc' }], /made for sort/);
  });

  it('rejects tampered and malformed cursors', () => {
    const cursor = encodeCursor(['x', 'c-1'], sort);
    rejects(`${cursor}!`, sort, /malformed/);
    rejects(cursor.slice(0, -3), sort, /malformed/);
    rejects('', sort, /non-empty/);
    rejects('bm90IGpzb24', sort, /malformed/); // "not json"
    rejects(raw([1, 2]), sort, /malformed/);
    rejects(raw({ s: '-createdAt,id' }), sort, /malformed/);
    rejects(raw({ s: 1, v: [] }), sort, /malformed/);
    rejects(raw(null), sort, /malformed/);
  });

  it('rejects a cursor whose value count differs from the sort', () => {
    rejects(raw({ s: '-createdAt,id', v: ['x'] }), sort, /1 sort value\(s\) but the sort has 2/);
    rejects(raw({ s: '-createdAt,id', v: ['x', 'y', 'z'] }), sort, /3 sort value/);
  });

  it('rejects sort values nested deeper than a stored record can hold', () => {
    const nested = (levels: number) => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`) as unknown;
    // A record is level 1, so a field's value nests at most 63 levels; so may a sort value.
    expect(decodeCursor(raw({ s: '-createdAt,id', v: [nested(63), 'c-1'] }), sort)).toHaveLength(2);
    rejects(raw({ s: '-createdAt,id', v: [nested(64), 'c-1'] }), sort, /malformed/);
    rejects(raw({ s: '-createdAt,id', v: [nested(1400), 'c-1'] }), sort, /malformed/);
  });

  it('rejects cursors longer than 4096 characters, and refuses to make one', () => {
    rejects('a'.repeat(4097), sort, /longer than 4096/);
    expect(() => encodeCursor(['x'.repeat(4000), 'c-1'], sort)).toThrow(InvalidQueryError);
  });
});
