import { describe, expect, it } from 'vitest';
import type { JsonSchemaObject } from '../entities/json-schema.js';
import { fieldTypeAt, getPath } from './field-path.js';

const schema: JsonSchemaObject = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    version: { type: 'integer' },
    ratio: { type: 'number' },
    active: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'object', properties: { label: { type: 'string' } } } },
    amount: { type: 'object', properties: { amount: { type: 'number' }, currency: { type: 'string' } } },
    note: { type: ['string', 'null'] },
    mixed: { type: ['string', 'number'] },
    meta: {},
    onlyNull: { type: 'null' },
  },
};

describe('getPath', () => {
  const record = { id: '1', amount: { amount: 5, currency: 'EUR' }, tags: [{ label: 'a' }], nothing: null };

  it('reads top-level and dotted paths', () => {
    expect(getPath(record, 'id')).toBe('1');
    expect(getPath(record, 'amount.currency')).toBe('EUR');
    expect(getPath(record, 'amount')).toEqual({ amount: 5, currency: 'EUR' });
  });

  it('returns undefined for missing steps, null parents, arrays and non-objects', () => {
    expect(getPath(record, 'missing')).toBeUndefined();
    expect(getPath(record, 'amount.missing')).toBeUndefined();
    expect(getPath(record, 'nothing.x')).toBeUndefined();
    expect(getPath(record, 'id.length')).toBeUndefined();
    expect(getPath(record, 'tags.0')).toBeUndefined();
    expect(getPath(record, 'tags.label')).toBeUndefined();
    expect(getPath(null, 'id')).toBeUndefined();
    expect(getPath(undefined, 'id')).toBeUndefined();
  });

  it('keeps null values as null and ignores inherited properties', () => {
    expect(getPath(record, 'nothing')).toBeNull();
    expect(getPath(record, 'constructor')).toBeUndefined();
    expect(getPath(record, 'toString')).toBeUndefined();
  });
});

describe('fieldTypeAt', () => {
  it('maps schema types to field types', () => {
    expect(fieldTypeAt(schema, 'id')).toBe('string');
    expect(fieldTypeAt(schema, 'version')).toBe('integer');
    expect(fieldTypeAt(schema, 'ratio')).toBe('number');
    expect(fieldTypeAt(schema, 'active')).toBe('boolean');
    expect(fieldTypeAt(schema, 'tags')).toBe('array');
    expect(fieldTypeAt(schema, 'amount')).toBe('object');
  });

  it('walks nested object properties', () => {
    expect(fieldTypeAt(schema, 'amount.amount')).toBe('number');
    expect(fieldTypeAt(schema, 'amount.currency')).toBe('string');
  });

  it('takes the non-null type of a type list, else unknown', () => {
    expect(fieldTypeAt(schema, 'note')).toBe('string');
    expect(fieldTypeAt(schema, 'mixed')).toBe('unknown');
    expect(fieldTypeAt(schema, 'meta')).toBe('unknown');
    expect(fieldTypeAt(schema, 'onlyNull')).toBe('unknown');
  });

  it('returns undefined for paths that do not exist, paths into arrays and odd paths', () => {
    expect(fieldTypeAt(schema, 'nope')).toBeUndefined();
    expect(fieldTypeAt(schema, 'amount.nope')).toBeUndefined();
    expect(fieldTypeAt(schema, 'id.length')).toBeUndefined();
    expect(fieldTypeAt(schema, 'tags.label')).toBeUndefined();
    expect(fieldTypeAt(schema, 'tags.0')).toBeUndefined();
    expect(fieldTypeAt(schema, '')).toBeUndefined();
    expect(fieldTypeAt(schema, 'amount.')).toBeUndefined();
    expect(fieldTypeAt(schema, 'constructor')).toBeUndefined();
    expect(fieldTypeAt(schema, '__proto__')).toBeUndefined();
  });
});
