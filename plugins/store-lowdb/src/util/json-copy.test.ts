import { cloneJson, StoreError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { copyForStorage } from './json-copy.js';

describe('copyForStorage', () => {
  it('deep-copies JSON data and drops keys holding undefined', () => {
    const value = { a: 1, b: [1, 'x', null, { c: true }], d: undefined, e: { f: -0.5 } };
    const copy = copyForStorage(value, 'thing');
    expect(copy).toEqual({ a: 1, b: [1, 'x', null, { c: true }], e: { f: -0.5 } });
    expect(Object.keys(copy)).not.toContain('d');
    expect(copy.b).not.toBe(value.b);
  });

  it.each([
    ['a Date', { at: new Date(0) }, 'an instance of Date at at'],
    ['a Map', { m: new Map() }, 'an instance of Map at m'],
    ['NaN', { n: Number.NaN }, 'NaN at n'],
    ['Infinity in an array', { list: [1, Number.POSITIVE_INFINITY] }, 'Infinity at list[1]'],
    ['a function', { f: () => 1 }, 'a function at f'],
    ['a bigint', { big: 1n }, 'a bigint at big'],
    ['undefined in an array', { list: [undefined] }, 'undefined at list[0]'],
  ])('refuses %s with INVALID naming the path', (_label, value, found) => {
    expect(() => copyForStorage(value, 'customer c1')).toThrow(StoreError);
    expect(() => copyForStorage(value, 'customer c1')).toThrow(
      `customer c1 cannot be stored: it holds ${found}`,
    );
  });

  it('refuses a cycle instead of overflowing the stack', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => copyForStorage(cyclic, 'x')).toThrow(/levels of nesting/);
  });

  it('keeps a __proto__ key as data, never as a prototype', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    const copy = copyForStorage(parsed, 'x');
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(cloneJson(copy), '__proto__')).toBe(true);
  });
});
