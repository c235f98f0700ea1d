import { describe, expect, it } from 'vitest';
import { cloneJson } from './clone-json.js';

describe('cloneJson', () => {
  it('copies nested JSON data deeply', () => {
    const source = { a: 1, b: 'x', c: null, d: true, e: [1, { f: [2, 3] }], g: { h: { i: 'deep' } } };
    const copy = cloneJson(source);
    expect(copy).toEqual(source);
    (copy.e[1] as { f: number[] }).f.push(4);
    copy.g.h.i = 'changed';
    expect(source.e[1]).toEqual({ f: [2, 3] });
    expect(source.g.h.i).toBe('deep');
  });

  it('keeps a "__proto__" key as data without touching the prototype', () => {
    const source = JSON.parse('{"__proto__":{"polluted":true},"x":1}') as Record<string, unknown>;
    const copy = cloneJson(source);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'x']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('copies non-JSON objects inside through structuredClone', () => {
    const at = new Date('2026-01-02T03:04:05Z');
    const copy = cloneJson({ at, list: [new Map([['k', 1]])] });
    expect(copy.at).toBeInstanceOf(Date);
    expect(copy.at).not.toBe(at);
    expect(copy.at.getTime()).toBe(at.getTime());
    expect(copy.list[0]).toEqual(new Map([['k', 1]]));
  });
});
