import { describe, expect, it } from 'vitest';
import { unboundedSchemaPaths } from './schema-bounds.js';

describe('unboundedSchemaPaths', () => {
  it('names every unbounded string, array, integer, number and open object by its pointer', () => {
    expect(
      unboundedSchemaPaths({
        type: 'object',
        properties: {
          name: { type: 'string' },
          tags: { type: 'array', items: { type: 'string', maxLength: 5 } },
          size: { type: 'integer', minimum: 0 },
          ratio: { type: ['number', 'null'], maximum: 1 },
          nested: { type: 'object', properties: { 'a/b': { type: 'string', pattern: '^x$' } } },
        },
        additionalProperties: false,
      }),
    ).toEqual([
      '/properties/name: a string without maxLength (or enum, const, format date or uuid)',
      '/properties/tags: an array without maxItems',
      '/properties/size: an integer without minimum and maximum (or format int32)',
      '/properties/ratio: a number without minimum and maximum',
      '/properties/nested: an object open to more members without maxProperties',
      '/properties/nested/properties/a~1b: a string without maxLength (or enum, const, format date or uuid)',
    ]);
  });

  it('accepts bounds, enums, consts, fixed formats and int32, and looks into every subschema keyword', () => {
    expect(
      unboundedSchemaPaths({
        type: 'object',
        properties: {
          a: { type: 'string', maxLength: 10 },
          b: { type: 'string', enum: ['x', 'y'] },
          c: { const: 'ok' },
          d: { type: 'string', format: 'date' },
          e: { type: 'integer', format: 'int32' },
          f: { type: 'integer', exclusiveMinimum: 0, maximum: 3 },
          g: { type: 'array', maxItems: 2, items: { $ref: '#/components/schemas/Anything' } },
          h: {
            type: 'object',
            additionalProperties: { type: 'integer', minimum: 0, maximum: 9 },
            maxProperties: 5,
          },
          i: {},
        },
        additionalProperties: false,
      }),
    ).toEqual([]);
    expect(
      unboundedSchemaPaths(
        {
          oneOf: [{ type: 'string' }, { type: 'array', maxItems: 1, prefixItems: [{ type: 'number' }] }],
          $defs: { x: { type: 'integer', format: 'int64' } },
        },
        '#/components/schemas/X',
      ),
    ).toEqual([
      '#/components/schemas/X/oneOf/0: a string without maxLength (or enum, const, format date or uuid)',
      '#/components/schemas/X/oneOf/1/prefixItems/0: a number without minimum and maximum',
      '#/components/schemas/X/$defs/x: an integer without minimum and maximum (or format int32)',
    ]);
  });

  it('checks every type of a union, and an open map by its member count', () => {
    expect(unboundedSchemaPaths({ type: ['string', 'integer'], maxLength: 3 })).toEqual([
      '/: an integer without minimum and maximum (or format int32)',
    ]);
    expect(unboundedSchemaPaths({ type: 'object', additionalProperties: { type: 'string' } })).toEqual([
      '/: an object open to more members without maxProperties',
      '/additionalProperties: a string without maxLength (or enum, const, format date or uuid)',
    ]);
  });
});
