import { describe, expect, it } from 'vitest';
import { deepEqual, matchesWhere } from './match.js';
import type { ComparisonOperator, JsonValue, WhereNode } from './types.js';

const cmp = (field: string, op: ComparisonOperator, value: JsonValue): WhereNode => ({
  kind: 'cmp',
  field,
  op,
  value,
});

const record = {
  id: 'r1',
  name: 'Ada Lovelace',
  score: 10,
  ratio: 0.5,
  active: true,
  empty: '',
  zero: 0,
  nothing: null,
  tags: ['vip', 'north', 7, { k: 1 }],
  amount: { amount: 1500, currency: 'EUR' },
  pair: [1, 2],
};

const matches = (node: WhereNode) => matchesWhere(record, node);

describe('deepEqual', () => {
  it('compares arrays in order and objects regardless of key order', () => {
    expect(deepEqual([1, { a: 2, b: 3 }], [1, { b: 3, a: 2 }])).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual(1, '1')).toBe(false);
    expect(deepEqual(null, undefined)).toBe(false);
  });
});

describe('matchesWhere', () => {
  it('matches everything without a where', () => {
    expect(matchesWhere(record, undefined)).toBe(true);
  });

  describe('eq / ne', () => {
    it('compares scalars strictly', () => {
      expect(matches(cmp('name', 'eq', 'Ada Lovelace'))).toBe(true);
      expect(matches(cmp('name', 'eq', 'ada lovelace'))).toBe(false);
      expect(matches(cmp('score', 'eq', 10))).toBe(true);
      expect(matches(cmp('score', 'eq', '10'))).toBe(false);
      expect(matches(cmp('active', 'eq', true))).toBe(true);
      expect(matches(cmp('zero', 'eq', false))).toBe(false);
      expect(matches(cmp('empty', 'eq', null))).toBe(false);
    });

    it('uses deep equality for objects and arrays', () => {
      expect(matches(cmp('amount', 'eq', { currency: 'EUR', amount: 1500 }))).toBe(true);
      expect(matches(cmp('amount', 'eq', { amount: 1500 }))).toBe(false);
      expect(matches(cmp('pair', 'eq', [1, 2]))).toBe(true);
      expect(matches(cmp('pair', 'eq', [2, 1]))).toBe(false);
    });

    it('walks dotted paths', () => {
      expect(matches(cmp('amount.currency', 'eq', 'EUR'))).toBe(true);
      expect(matches(cmp('amount.amount', 'eq', 1500))).toBe(true);
    });

    it('eq null matches null or missing, not present values', () => {
      expect(matches(cmp('nothing', 'eq', null))).toBe(true);
      expect(matches(cmp('missing', 'eq', null))).toBe(true);
      expect(matches(cmp('amount.missing', 'eq', null))).toBe(true);
      expect(matches(cmp('zero', 'eq', null))).toBe(false);
    });

    it('eq on a missing field with a value never matches', () => {
      expect(matches(cmp('missing', 'eq', 'x'))).toBe(false);
    });

    it('ne is not eq, so missing fields match ne', () => {
      expect(matches(cmp('name', 'ne', 'Bob'))).toBe(true);
      expect(matches(cmp('name', 'ne', 'Ada Lovelace'))).toBe(false);
      expect(matches(cmp('missing', 'ne', 'x'))).toBe(true);
      expect(matches(cmp('nothing', 'ne', 'x'))).toBe(true);
      expect(matches(cmp('missing', 'ne', null))).toBe(false);
      expect(matches(cmp('nothing', 'ne', null))).toBe(false);
      expect(matches(cmp('score', 'ne', null))).toBe(true);
      expect(matches(cmp('pair', 'ne', [1, 2]))).toBe(false);
    });
  });

  describe('gt / gte / lt / lte', () => {
    it('compares numbers numerically', () => {
      expect(matches(cmp('score', 'gt', 9))).toBe(true);
      expect(matches(cmp('score', 'gt', 10))).toBe(false);
      expect(matches(cmp('score', 'gte', 10))).toBe(true);
      expect(matches(cmp('score', 'lt', 10))).toBe(false);
      expect(matches(cmp('score', 'lte', 10))).toBe(true);
      expect(matches(cmp('score', 'lt', 100))).toBe(true);
      expect(matches(cmp('ratio', 'gt', 0.25))).toBe(true);
    });

    it('compares strings by code unit', () => {
      expect(matches(cmp('name', 'gt', 'Ada'))).toBe(true);
      expect(matches(cmp('name', 'lt', 'B'))).toBe(true);
      expect(matches(cmp('name', 'lt', 'a'))).toBe(true); // 'A' < 'a'
      expect(matches(cmp('name', 'gte', 'Ada Lovelace'))).toBe(true);
      expect(matches(cmp('name', 'gt', 'Ada Lovelace'))).toBe(false);
    });

    it('never matches across types, nulls or missing fields', () => {
      expect(matches(cmp('score', 'gt', '1'))).toBe(false);
      expect(matches(cmp('name', 'gt', 1))).toBe(false);
      expect(matches(cmp('active', 'gte', 0))).toBe(false);
      expect(matches(cmp('nothing', 'lt', 1))).toBe(false);
      expect(matches(cmp('missing', 'lt', 1))).toBe(false);
      expect(matches(cmp('missing', 'gt', ''))).toBe(false);
      expect(matches(cmp('pair', 'gt', 0))).toBe(false);
    });
  });

  describe('in / nin', () => {
    it('matches when the field equals one item (deeply)', () => {
      expect(matches(cmp('score', 'in', [1, 10]))).toBe(true);
      expect(matches(cmp('score', 'in', [1, 2]))).toBe(false);
      expect(matches(cmp('score', 'in', []))).toBe(false);
      expect(matches(cmp('pair', 'in', [[1, 2]]))).toBe(true);
      expect(matches(cmp('amount', 'in', [{ currency: 'EUR', amount: 1500 }]))).toBe(true);
    });

    it('a null item matches null or missing', () => {
      expect(matches(cmp('missing', 'in', ['a', null]))).toBe(true);
      expect(matches(cmp('missing', 'in', ['a']))).toBe(false);
      expect(matches(cmp('nothing', 'in', [null]))).toBe(true);
    });

    it('nin is not in, so missing fields match', () => {
      expect(matches(cmp('score', 'nin', [1, 2]))).toBe(true);
      expect(matches(cmp('score', 'nin', [10]))).toBe(false);
      expect(matches(cmp('missing', 'nin', ['a']))).toBe(true);
      expect(matches(cmp('missing', 'nin', [null]))).toBe(false);
      expect(matches(cmp('score', 'nin', []))).toBe(true);
    });
  });

  describe('contains', () => {
    it('on a string field: case-sensitive substring', () => {
      expect(matches(cmp('name', 'contains', 'Love'))).toBe(true);
      expect(matches(cmp('name', 'contains', 'love'))).toBe(false);
      expect(matches(cmp('name', 'contains', ''))).toBe(true);
      expect(matches(cmp('name', 'contains', 1))).toBe(false);
    });

    it('on an array field: has an element equal to the value', () => {
      expect(matches(cmp('tags', 'contains', 'vip'))).toBe(true);
      expect(matches(cmp('tags', 'contains', 'vi'))).toBe(false);
      expect(matches(cmp('tags', 'contains', 7))).toBe(true);
      expect(matches(cmp('tags', 'contains', '7'))).toBe(false);
      expect(matches(cmp('tags', 'contains', { k: 1 }))).toBe(true);
    });

    it('never matches numbers, objects, null or missing fields', () => {
      expect(matches(cmp('score', 'contains', 1))).toBe(false);
      expect(matches(cmp('amount', 'contains', 'EUR'))).toBe(false);
      expect(matches(cmp('nothing', 'contains', 'x'))).toBe(false);
      expect(matches(cmp('missing', 'contains', 'x'))).toBe(false);
    });
  });

  describe('startsWith', () => {
    it('matches a case-sensitive prefix of a string field only', () => {
      expect(matches(cmp('name', 'startsWith', 'Ada'))).toBe(true);
      expect(matches(cmp('name', 'startsWith', 'ada'))).toBe(false);
      expect(matches(cmp('name', 'startsWith', 'Lovelace'))).toBe(false);
      expect(matches(cmp('tags', 'startsWith', 'vip'))).toBe(false);
      expect(matches(cmp('score', 'startsWith', '1'))).toBe(false);
      expect(matches(cmp('missing', 'startsWith', ''))).toBe(false);
    });
  });

  describe('exists', () => {
    it('true: present and not null; false: missing or null', () => {
      expect(matches(cmp('name', 'exists', true))).toBe(true);
      expect(matches(cmp('zero', 'exists', true))).toBe(true);
      expect(matches(cmp('empty', 'exists', true))).toBe(true);
      expect(matches(cmp('nothing', 'exists', true))).toBe(false);
      expect(matches(cmp('missing', 'exists', true))).toBe(false);
      expect(matches(cmp('name', 'exists', false))).toBe(false);
      expect(matches(cmp('nothing', 'exists', false))).toBe(true);
      expect(matches(cmp('missing', 'exists', false))).toBe(true);
      expect(matches(cmp('amount.missing', 'exists', false))).toBe(true);
    });
  });

  describe('and / or / not', () => {
    const yes = cmp('score', 'eq', 10);
    const no = cmp('score', 'eq', 11);

    it('and needs every item, or needs one', () => {
      expect(matches({ kind: 'and', items: [yes, yes] })).toBe(true);
      expect(matches({ kind: 'and', items: [yes, no] })).toBe(false);
      expect(matches({ kind: 'or', items: [no, yes] })).toBe(true);
      expect(matches({ kind: 'or', items: [no, no] })).toBe(false);
    });

    it('not inverts, including on missing fields', () => {
      expect(matches({ kind: 'not', item: yes })).toBe(false);
      expect(matches({ kind: 'not', item: no })).toBe(true);
      expect(matches({ kind: 'not', item: cmp('missing', 'eq', 'x') })).toBe(true);
    });

    it('nests', () => {
      const node: WhereNode = {
        kind: 'and',
        items: [
          { kind: 'or', items: [no, { kind: 'not', item: no }] },
          { kind: 'not', item: { kind: 'and', items: [yes, no] } },
          { kind: 'or', items: [cmp('tags', 'contains', 'north'), no] },
        ],
      };
      expect(matches(node)).toBe(true);
      expect(matches({ kind: 'not', item: node })).toBe(false);
    });
  });
});
