import { RapportError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { parseQueryString } from './parse-query.js';

const limits = { maxParameters: 100 };

/** Parses `search`, expecting an INVALID_QUERY; returns the error. */
function refused(search: string): RapportError {
  try {
    parseQueryString(search, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(RapportError);
    expect((error as RapportError).code).toBe('INVALID_QUERY');
    return error as RapportError;
  }
  throw new Error(`expected '${search}' to be refused`);
}

describe('parseQueryString', () => {
  it('parses brackets into null-prototype objects, arrays and strings', () => {
    const params = parseQueryString('?where[name][in][]=a&where[name][in][]=b&sort=-name&limit=2', limits);
    expect(params).toEqual({ where: { name: { in: ['a', 'b'] } }, sort: '-name', limit: '2' });
    expect(Object.getPrototypeOf(params)).toBeNull();
    expect(Object.getPrototypeOf(params.where)).toBeNull();
  });

  it('keeps forbidden words as values and skips empty parts', () => {
    expect(parseQueryString('sort=__proto__&&where[name]=constructor&', limits)).toEqual({
      sort: '__proto__',
      where: { name: 'constructor' },
    });
  });

  it('refuses every spelling of a forbidden key, naming the parameter as qs decodes it', () => {
    const cases: [string, string, string][] = [
      ['where[__proto__][x]=1', 'where[__proto__][x]', '__proto__'],
      ['__proto__=1', '__proto__', '__proto__'],
      ['a=1&__proto__', '__proto__', '__proto__'],
      ['where%5B__proto__%5D=1', 'where[__proto__]', '__proto__'],
      ['where[__pro%74o__]=1', 'where[__proto__]', '__proto__'],
      ['where[prototype]=1', 'where[prototype]', 'prototype'],
      ['where[a.b.constructor]=1', 'where[a.b.constructor]', 'constructor'],
      ['constructor=1', 'constructor', 'constructor'],
    ];
    for (const [search, field, key] of cases) {
      const error = refused(search);
      expect(error.message).toBe(
        `the query parameter '${field}' uses '${key}', which no parameter or field path may hold (__proto__, constructor, prototype)`,
      );
      expect(error.details).toEqual({ field, rule: 'forbidden-key' });
    }
  });

  it('refuses names qs would cut short or drop', () => {
    for (const name of ['where[a]b', 'a[b]c[d]', '[x]', 'where]', 'where[a']) {
      const error = refused(`${encodeURIComponent(name).replace(/%5B/g, '[').replace(/%5D/g, ']')}=1`);
      expect(error.details).toEqual({ field: name, rule: 'malformed' });
      expect(error.message).toBe(
        `the query parameter '${name}' is malformed: write a name and [bracketed] keys, as in where[status]`,
      );
    }
  });

  it('still refuses what exceeds the limits', () => {
    expect(refused('a[b][c][d][e][f][g][h][i][j]=1').message).toMatch(/too large or too deep/);
    expect(refused(Array.from({ length: 101 }, (_, i) => `p${i}=1`).join('&')).message).toMatch(
      /too large or too deep/,
    );
  });
});
