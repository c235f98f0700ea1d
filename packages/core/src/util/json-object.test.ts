import { describe, expect, it } from 'vitest';
import { canonicalJson, isJsonObject, isPlainObject, setOwn } from './json-object.js';

describe('JSON object helpers', () => {
  it('tells object shapes apart', () => {
    expect([isJsonObject({}), isJsonObject(new Date()), isJsonObject([]), isJsonObject(null)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect([isPlainObject({}), isPlainObject(Object.create(null)), isPlainObject(new Date())]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('gives deep-equal values the same canonical text, whatever the key order', () => {
    expect(canonicalJson({ b: [1, { d: null, c: 'x' }], a: undefined, e: true })).toBe(
      canonicalJson({ e: true, b: [1, { c: 'x', d: null }] }),
    );
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson('1')).not.toBe(canonicalJson(1));
  });

  it('sets __proto__ as data without touching the prototype', () => {
    const target: Record<string, unknown> = {};
    setOwn(target, '__proto__', { polluted: true });
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Object.keys(target)).toEqual(['__proto__']);
  });
});
