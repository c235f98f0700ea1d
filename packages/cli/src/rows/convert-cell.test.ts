import { describe, expect, it } from 'vitest';
import { convertCell } from './convert-cell.js';

describe('convertCell', () => {
  it('converts integers, numbers and booleans, trimming spaces', () => {
    expect(convertCell(' 42 ', 'integer')).toEqual({ ok: true, value: 42 });
    expect(convertCell('-7', 'integer')).toEqual({ ok: true, value: -7 });
    expect(convertCell('0.25', 'number')).toEqual({ ok: true, value: 0.25 });
    expect(convertCell('1e3', 'number')).toEqual({ ok: true, value: 1000 });
    for (const yes of ['true', 'TRUE', 'yes', '1', 'y'])
      expect(convertCell(yes, 'boolean')).toEqual({ ok: true, value: true });
    for (const no of ['false', 'No', '0', 'n'])
      expect(convertCell(no, 'boolean')).toEqual({ ok: true, value: false });
  });

  it('refuses cells that are not of the field type, quoting the cell', () => {
    expect(convertCell('4.5', 'integer')).toEqual({
      ok: false,
      rule: 'type',
      message: 'must be an integer (got "4.5")',
    });
    expect(convertCell('12abc', 'number')).toMatchObject({
      ok: false,
      message: 'must be a number (got "12abc")',
    });
    expect(convertCell('Infinity', 'number')).toMatchObject({ ok: false });
    expect(convertCell('9007199254740993', 'integer')).toMatchObject({ ok: false });
    expect(convertCell('maybe', 'boolean')).toMatchObject({
      ok: false,
      message: 'must be true or false (got "maybe")',
    });
  });

  it('reads arrays and objects as JSON cells', () => {
    expect(convertCell('["a","b"]', 'array')).toEqual({ ok: true, value: ['a', 'b'] });
    expect(convertCell('{"x":1}', 'object')).toEqual({ ok: true, value: { x: 1 } });
    expect(convertCell('a,b', 'array')).toMatchObject({ ok: false, rule: 'json' });
    expect(convertCell('{"x":1}', 'array')).toMatchObject({
      ok: false,
      rule: 'type',
      message: 'must be a JSON array (got "{\\"x\\":1}")',
    });
    expect(convertCell('[1]', 'object')).toMatchObject({ ok: false, rule: 'type' });
  });

  it('keeps strings and untyped cells as they are', () => {
    expect(convertCell(' Ada ', 'string')).toEqual({ ok: true, value: ' Ada ' });
    expect(convertCell('12', 'unknown')).toEqual({ ok: true, value: '12' });
  });
});
