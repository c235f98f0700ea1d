import { describe, expect, it } from 'vitest';
import { fieldsOf, kindOf } from './fields.js';
import { fromFormValues, mergePatch, toFormValues, toMajor, toMinor } from './values.js';

describe('schema fields and values', () => {
  const entities = new Set(['customer']);

  it('reads a kind for every construct the entities use', () => {
    expect(kindOf('name', { type: 'string', maxLength: 200 }, entities)).toBe('text');
    expect(kindOf('notes', { type: 'string', maxLength: 5000 }, entities)).toBe('longText');
    expect(kindOf('email', { type: 'string' }, entities)).toBe('email');
    expect(kindOf('mobilePhone', { type: 'string' }, entities)).toBe('phone');
    expect(kindOf('site', { type: 'string', format: 'uri' }, entities)).toBe('url');
    expect(kindOf('day', { type: 'string', format: 'date' }, entities)).toBe('date');
    expect(kindOf('at', { type: 'string', format: 'date-time' }, entities)).toBe('dateTime');
    expect(kindOf('customerId', { type: 'string' }, entities)).toBe('ref');
    expect(kindOf('ownerId', { type: 'string' }, entities)).toBe('text');
    // a reference whose name cannot say its entity states it in the schema
    const programme = { type: 'string', 'x-rapport-ref': 'customer' };
    expect(kindOf('programmeId', programme, entities)).toBe('ref');
    expect(fieldsOf({ type: 'object', properties: { programmeId: programme } }, { entities })).toEqual([
      expect.objectContaining({ name: 'programmeId', kind: 'ref', refEntity: 'customer' }),
    ]);
    expect(kindOf('stage', { type: 'string', enum: ['a', 'b'] }, entities)).toBe('enum');
    expect(kindOf('n', { type: 'integer' }, entities)).toBe('integer');
    expect(kindOf('x', { type: 'number' }, entities)).toBe('number');
    expect(kindOf('ok', { type: 'boolean' }, entities)).toBe('boolean');
    const money = {
      type: 'object',
      properties: { amount: { type: 'integer' }, currency: { type: 'string' } },
    };
    expect(kindOf('amount', money, entities)).toBe('money');
    expect(kindOf('profile', { type: 'object', properties: { city: { type: 'string' } } }, entities)).toBe(
      'object',
    );
    expect(kindOf('payload', { type: 'object', additionalProperties: true }, entities)).toBe('json');
    expect(kindOf('tags', { type: 'array', items: { type: 'string' } }, entities)).toBe('array');
    expect(kindOf('value', { type: ['string', 'number'] }, entities)).toBe('json');
  });

  it('marks system, computed and listed fields read-only', () => {
    const fields = fieldsOf(
      {
        type: 'object',
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          abc: { type: 'string', readOnly: true },
          rfm: { type: 'string' },
        },
        required: ['name'],
      },
      { readOnly: ['rfm'] },
    );
    expect(fields.map((field) => [field.name, field.readOnly, field.required])).toEqual([
      ['id', true, false],
      ['name', false, true],
      ['abc', true, false],
      ['rfm', true, false],
    ]);
  });

  it('converts money between major and integer minor units by the currency', () => {
    expect(toMinor('12.34', 'EUR')).toBe(1234);
    expect(toMinor('12,5', 'EUR')).toBe(1250);
    expect(toMinor('1 000', 'JPY')).toBe(1000);
    expect(toMinor('0.1', 'EUR')).toBe(10);
    expect(toMinor('abc', 'EUR')).toBeUndefined();
    expect(toMajor(1234, 'EUR')).toBe('12.34');
    expect(toMajor(1234, 'JPY')).toBe('1234');
  });

  it('sends nothing back for controls nobody touched, however the form reads them', () => {
    const fields = fieldsOf({
      type: 'object',
      properties: {
        title: { type: 'string' },
        openedAt: { type: 'string', format: 'date-time' },
        lines: {
          type: 'array',
          items: {
            type: 'object',
            properties: { product: { type: 'string' }, quantity: { type: 'integer', default: 1 } },
          },
        },
        amount: { type: 'object', properties: { amount: { type: 'integer' }, currency: { type: 'string' } } },
      },
    });
    // stored to the millisecond, with an item missing its default: the form shows minutes and 1
    const deal = {
      title: 'Forklifts',
      openedAt: '2026-01-05T09:00:27.123Z',
      lines: [{ product: 'FL-20' }],
      amount: { amount: 1_000_000, currency: 'EUR' },
    };
    const untouched = fromFormValues(fields, toFormValues(fields, deal));
    expect(untouched.openedAt).not.toBe(deal.openedAt); // the reading is coarser…
    expect(mergePatch(fields, deal, untouched)).toEqual({}); // …and still no change
    expect(mergePatch(fields, deal, { ...untouched, title: 'Forklifts ×2' })).toEqual({
      title: 'Forklifts ×2',
    });
    const retimed = { ...untouched, openedAt: '2026-01-06T09:00:00.000Z' };
    expect(mergePatch(fields, deal, retimed)).toEqual({ openedAt: '2026-01-06T09:00:00.000Z' });
  });

  it('patches what changed only: nested members, null for removed, booleans against their default', () => {
    const fields = fieldsOf({
      type: 'object',
      properties: {
        name: { type: 'string' },
        internal: { type: 'boolean', default: false },
        profile: { type: 'object', properties: { city: { type: 'string' }, zip: { type: 'string' } } },
        tags: { type: 'array', items: { type: 'string' } },
      },
    });
    const before = { name: 'A', profile: { city: 'Berlin', zip: '10115' }, tags: ['x'] };
    expect(
      mergePatch(fields, before, {
        name: 'A',
        internal: false,
        profile: { city: 'Berlin', zip: '10115' },
        tags: ['x'],
      }),
    ).toEqual({});
    expect(
      mergePatch(fields, before, {
        name: 'B',
        internal: true,
        profile: { city: 'Berlin' },
        tags: ['x', 'y'],
      }),
    ).toEqual({
      name: 'B',
      internal: true,
      profile: { zip: null },
      tags: ['x', 'y'],
    });
    expect(mergePatch(fields, before, { internal: false })).toEqual({
      name: null,
      profile: null,
      tags: null,
    });
  });
});
