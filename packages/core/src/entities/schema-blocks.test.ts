import { describe, expect, it } from 'vitest';
import type { JsonSchema } from './json-schema.js';
import * as blocks from './schema-blocks.js';
import { unboundedSchemaPaths } from './schema-bounds.js';
import { createSchemaCompiler } from './schema-validator.js';

const compile = createSchemaCompiler();

/** Every block, the made ones with their defaults. */
const EVERY_BLOCK = {
  text: blocks.text(),
  notes: blocks.text(5000, { minLength: 0 }),
  shortText: blocks.shortText,
  ref: blocks.ref,
  key: blocks.key,
  date: blocks.date,
  dateTime: blocks.dateTime,
  currency: blocks.currency,
  countryCode: blocks.countryCode,
  integerBetween: blocks.integerBetween(1, 5),
  numberBetween: blocks.numberBetween(0, 1),
  count: blocks.count,
  safeInteger: blocks.safeInteger,
  percent: blocks.percent,
  days: blocks.days,
  minorUnits: blocks.minorUnits(),
  money: blocks.money(),
  list: blocks.list(blocks.ref, 10),
  tags: blocks.tags,
  enumOf: blocks.enumOf(['a', 'b']),
  email: blocks.email,
  phone: blocks.phone,
  url: blocks.url,
  whereFilter: blocks.whereFilter,
  jsonObject: blocks.jsonObject(50),
  jsonValue: blocks.jsonValue(),
  computed: blocks.computed(blocks.dateTime),
};

describe('schema blocks', () => {
  it('are each bounded and compile in strict mode', () => {
    for (const [name, schema] of Object.entries(EVERY_BLOCK)) {
      expect(unboundedSchemaPaths(schema), name).toEqual([]);
      expect(() => compile(schema), name).not.toThrow();
    }
  });

  it('refuse what is over their bounds', () => {
    const check = (schema: JsonSchema, value: unknown) => compile(schema)(value).map((error) => error.rule);
    expect(check(blocks.text(5), 'abcdef')).toEqual(['maxLength']);
    expect(check(blocks.text(5), '')).toEqual(['minLength']);
    expect(check(blocks.text(5, { minLength: 0 }), '')).toEqual([]);
    expect(check(blocks.ref, 'x'.repeat(blocks.MAX_ID_LENGTH + 1))).toEqual(['maxLength']);
    expect(check(blocks.key, 'New')).toEqual(['pattern']);
    expect(check(blocks.dateTime, '2026-01-01T00:00:00.000Z')).toEqual([]);
    expect(check(blocks.dateTime, `2026-01-01T00:00:00.${'0'.repeat(40)}Z`)).toEqual(['maxLength']);
    expect(check(blocks.money(), { amount: 1.5, currency: 'EUR' })).toEqual(['type']);
    expect(check(blocks.money({ minimum: 0 }), { amount: -1, currency: 'EUR' })).toEqual(['minimum']);
    expect(check(blocks.money(), { amount: blocks.MAX_MINOR_UNITS + 1, currency: 'EUR' })).toEqual([
      'maximum',
    ]);
    expect(check(blocks.money(), { amount: 1, currency: 'eur' })).toEqual(['pattern']);
    expect(check(blocks.count, -1)).toEqual(['minimum']);
    expect(check(blocks.count, 2 ** 60)).toEqual(['maximum']);
    expect(check(blocks.tags, ['a', 'a'])).toEqual(['uniqueItems']);
    expect(check(blocks.list(blocks.ref, 2), ['a', 'b', 'c'])).toEqual(['maxItems']);
    expect(
      check(blocks.whereFilter, Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, 1]))),
    ).toEqual(['maxProperties']);
    expect(check(blocks.whereFilter, { name: 'x'.repeat(10_001) })).toEqual(['maxLength']);
    expect(check(blocks.whereFilter, { or: [{ a: 1 }, { b: { gte: 2 } }], c: { in: ['x', 'y'] } })).toEqual(
      [],
    );
    expect(check(blocks.jsonValue(3), 'abcd')).toEqual(['maxLength']);
    expect(check(blocks.jsonValue(3), 1e300)).toEqual(['maximum']);
    expect(check(blocks.jsonValue(3), { a: [1, 'x', null] })).toEqual([]);
  });

  it('mark computed fields readOnly, keeping the schema', () => {
    expect(blocks.computed(blocks.percent)).toEqual({
      type: 'integer',
      minimum: 0,
      maximum: 100,
      readOnly: true,
    });
  });
});
