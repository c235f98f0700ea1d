import { describe, expect, it } from 'vitest';
import { classifyAbc } from './abc.js';

const valued = (values: number[]) => values.map((value, i) => ({ customerId: `c${i + 1}`, value }));
const classesOf = (result: Map<string, string>, n: number) =>
  Array.from({ length: n }, (_, i) => result.get(`c${i + 1}`) ?? '-').join('');

describe('classifyAbc', () => {
  it('splits a known distribution at 80% / 95% of value', () => {
    // total 100; cumulative before each: 0, 50, 70 | 80, 88, 93 | 96, 98, 99
    const result = classifyAbc(valued([50, 20, 10, 8, 5, 3, 2, 1, 1]), { a: 0.8, b: 0.15 });
    expect(classesOf(result, 9)).toBe('AAABBBCCC');
  });

  it('ranks by value whatever the input order', () => {
    const input = valued([5, 400, 30, 100, 200, 60, 15, 100, 40, 50]); // total 1000
    const result = classifyAbc(input, { a: 0.8, b: 0.15 });
    // 400 200 100 100 → A (0..80%); 60 50 40 → B (80..95%); 30 15 5 → C
    // input order: 5 400 30 100 200 60 15 100 40 50
    expect(classesOf(result, 10)).toBe('CACAABCABB');
  });

  it('keeps equal values in one class', () => {
    const result = classifyAbc(valued([40, 40, 10, 10]), { a: 0.8, b: 0.15 });
    expect(classesOf(result, 4)).toBe('AABB');
    const tie = classifyAbc(valued([30, 30, 30, 10]), { a: 0.5, b: 0.3 });
    // before: 0 → the whole tie group of 30s is A although it reaches 90%
    expect(classesOf(tie, 4)).toBe('AAAC');
  });

  it('honours configured shares', () => {
    const result = classifyAbc(valued([50, 20, 10, 8, 5, 3, 2, 1, 1]), { a: 0.5, b: 0.3 });
    // before: 0 → A; 50% → B; 70% → B; 80% → C ...
    expect(classesOf(result, 9)).toBe('ABBCCCCCC');
  });

  it('leaves customers without positive value unclassified', () => {
    const result = classifyAbc(valued([100, 0, -20]), { a: 0.8, b: 0.15 });
    expect(classesOf(result, 3)).toBe('A--');
    expect(classifyAbc([], { a: 0.8, b: 0.15 }).size).toBe(0);
  });
});
