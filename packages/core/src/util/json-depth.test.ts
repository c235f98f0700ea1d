import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import {
  assertJsonDepth,
  assertJsonTextDepth,
  jsonDepthExcess,
  jsonDepthFieldError,
  jsonTextDepthExcess,
  MAX_JSON_DEPTH,
} from './json-depth.js';

/** `levels` arrays nested in one another, as text. */
const arraysText = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
/** `levels` objects `{"a":...}` nested in one another, as text, the innermost holding 1. */
const objectsText = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
/** `levels` arrays nested in one another, built without JSON.parse. */
function arrays(levels: number): unknown[] {
  let value: unknown[] = [];
  for (let i = 1; i < levels; i += 1) value = [value];
  return value;
}

describe('MAX_JSON_DEPTH', () => {
  it('is 64', () => {
    expect(MAX_JSON_DEPTH).toBe(64);
  });
});

describe('jsonDepthExcess', () => {
  it('passes a value exactly at the limit and finds one a level over it', () => {
    expect(jsonDepthExcess(arrays(64))).toBeUndefined();
    expect(jsonDepthExcess(arrays(65))).toEqual({ path: new Array(64).fill(0), max: 64 });
    expect(jsonDepthExcess(JSON.parse(objectsText(64)))).toBeUndefined();
    expect(jsonDepthExcess(JSON.parse(objectsText(65)))?.path).toEqual(new Array(64).fill('a'));
  });

  it('counts the value itself as level 1; scalars have no depth', () => {
    expect(jsonDepthExcess({}, 1)).toBeUndefined();
    expect(jsonDepthExcess({ a: {} }, 1)).toEqual({ path: ['a'], max: 1 });
    expect(jsonDepthExcess({ a: 1, b: 'x', c: null }, 1)).toBeUndefined();
    for (const scalar of [null, undefined, 1, 'text', true])
      expect(jsonDepthExcess(scalar, 1)).toBeUndefined();
  });

  it('answers 100,000 levels without overflowing the stack', () => {
    const deep = JSON.parse(arraysText(100_000)) as unknown;
    expect(jsonDepthExcess(deep)?.path).toHaveLength(64);
    const objects = JSON.parse(objectsText(100_000)) as unknown;
    expect(jsonDepthExcess(objects)?.path).toHaveLength(64);
  });

  it('finds the first too-deep place in document order, through arrays and objects', () => {
    const value = { a: [1, { b: {} }], c: [[[]]], d: [[[[]]]] };
    expect(jsonDepthExcess(value, 3)).toEqual({ path: ['a', 1, 'b'], max: 3 });
    expect(jsonDepthExcess(value, 4)).toEqual({ path: ['d', 0, 0, 0], max: 4 });
    expect(jsonDepthExcess(value, 5)).toBeUndefined();
  });

  it('treats a cycle as nesting without end', () => {
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    expect(jsonDepthExcess(cycle)?.path).toEqual(new Array(64).fill('self'));
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => jsonDepthExcess({}, 0)).toThrow(RangeError);
    expect(() => jsonTextDepthExcess('{}', 1.5)).toThrow(RangeError);
  });
});

describe('jsonTextDepthExcess', () => {
  it('passes text exactly at the limit and finds text a level over it', () => {
    expect(jsonTextDepthExcess(arraysText(64))).toBeUndefined();
    expect(jsonTextDepthExcess(arraysText(65))).toEqual({ path: new Array(64).fill(0), max: 64 });
    expect(jsonTextDepthExcess(objectsText(64))).toBeUndefined();
    expect(jsonTextDepthExcess(objectsText(65))?.path).toEqual(new Array(64).fill('a'));
  });

  it('scans 100,000 levels (and a whole MiB of them) without overflowing', () => {
    expect(jsonTextDepthExcess(arraysText(100_000))?.path).toHaveLength(64);
    expect(jsonTextDepthExcess(arraysText(524_288))?.path).toHaveLength(64);
  });

  it('agrees with the parsed value on keys, indexes and where the limit is passed', () => {
    const texts = [
      '{"a":[1,{"b":{}}],"c":[[[]]],"d":[[[[]]]]}',
      '[{"x":1,"y":[2,[3,[4]]]},{"z":{"w":{"v":[]}}}]',
      '{"k\\"ey":{"\\u0041":[[],[[]]]},"tail":[[[[[[1]]]]]]}',
      '  { "a" : [ { } , [ [ [ ] ] ] ] , "b" : 1 }  ',
    ];
    for (const text of texts) {
      for (let max = 1; max <= 7; max += 1) {
        expect(jsonTextDepthExcess(text, max), `${text} at ${max}`).toEqual(
          jsonDepthExcess(JSON.parse(text), max),
        );
      }
    }
    expect(jsonTextDepthExcess('{"k\\"ey":{"\\u0041":[[]]}}', 3)).toEqual({ path: ['k"ey', 'A', 0], max: 3 });
  });

  it('ignores brackets, braces and commas inside strings, escaped quotes included', () => {
    const noise = '"[[[{{{,,,\\"]]]}}} \\\\"';
    expect(jsonTextDepthExcess(`{"a":${noise},"b":[${noise},[]]}`, 3)).toBeUndefined();
    expect(jsonTextDepthExcess(`{"a":${noise},"b":[${noise},[]]}`, 2)).toEqual({ path: ['b', 1], max: 2 });
    expect(jsonTextDepthExcess(`{${noise}:[[[]]]}`, 2)).toEqual({ path: ['[[[{{{,,,"]]]}}} \\', 0], max: 2 });
  });

  it('does not fail on malformed text (the parse that follows does)', () => {
    for (const text of ['', ']]]}}}', '{"a":', '"unterminated', '[1,,2]', '{"a" "b"}']) {
      expect(jsonTextDepthExcess(text)).toBeUndefined();
    }
    // More openers than the limit, so these are scanned character by character.
    expect(jsonTextDepthExcess(`"${'['.repeat(100)}`)).toBeUndefined();
    expect(jsonTextDepthExcess(`${']'.repeat(10)}${'['.repeat(64)}`)).toBeUndefined();
    expect(jsonTextDepthExcess('['.repeat(65))?.path).toHaveLength(64);
  });
});

describe('jsonDepthFieldError', () => {
  it('names the top-level field, the rule and the limit, and shows a short path', () => {
    expect(jsonDepthFieldError({ path: ['attributes', 'a', 'a', 'a', 'a', 'a', 'a'], max: 6 })).toEqual({
      path: 'attributes',
      rule: 'maxDepth',
      message: 'nests deeper than 6 levels (at attributes.a.a.a.a…)',
    });
    expect(jsonDepthFieldError({ path: [0, 'b'], max: 2 }).message).toBe(
      'nests deeper than 2 levels (at 0.b)',
    );
    const long = 'k'.repeat(1000);
    expect(jsonDepthFieldError({ path: [long, 0], max: 2 }).message).toBe(
      `nests deeper than 2 levels (at ${'k'.repeat(40)}….0)`,
    );
  });
});

describe('assertJsonDepth and assertJsonTextDepth', () => {
  it('throw a ValidationError naming the limit, the field and what was checked', () => {
    const record = { title: 'x', tags: arrays(80) };
    const error = (() => {
      try {
        assertJsonDepth(record, { what: 'the record' });
      } catch (caught) {
        return caught;
      }
    })() as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('the record nests deeper than 64 levels (at tags.0.0.0.0…)');
    expect(error.errors).toEqual([
      { path: 'tags', rule: 'maxDepth', message: 'nests deeper than 64 levels (at tags.0.0.0.0…)' },
    ]);
    expect(error.details.maxDepth).toBe(64);
    expect(() => assertJsonTextDepth(JSON.stringify(record))).toThrow(
      'the value nests deeper than 64 levels (at tags.0.0.0.0…)',
    );
  });

  it('pass values and text within the limit, and take a limit of their own', () => {
    expect(() => assertJsonDepth(arrays(64))).not.toThrow();
    expect(() => assertJsonTextDepth(arraysText(64))).not.toThrow();
    expect(() => assertJsonDepth({ a: { b: 1 } }, { max: 1 })).toThrow('nests deeper than 1 level (at a)');
    expect(() => assertJsonTextDepth('[[[]]]', { max: 3 })).not.toThrow();
  });
});
