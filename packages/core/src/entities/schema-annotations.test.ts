import { describe, expect, it } from 'vitest';
import {
  currencyPathOf,
  minorUnitsIn,
  REFERENCE_KEYWORD,
  referencedEntity,
  referenceTo,
} from './schema-annotations.js';
import { createSchemaCompiler } from './schema-validator.js';

const entities = new Set(['customer', 'loyaltyProgramme', 'deal']);

describe('schema annotations', () => {
  it('follow the <entity>Id convention, and a stated entity wins over it', () => {
    expect(referencedEntity('customerId', { type: 'string' }, entities)).toBe('customer');
    expect(referencedEntity('programmeId', { type: 'string' }, entities)).toBeUndefined();
    expect(referencedEntity('programmeId', referenceTo('loyaltyProgramme'), entities)).toBe(
      'loyaltyProgramme',
    );
    // a stated entity that is not installed is no reference, whatever the name says
    expect(referencedEntity('dealId', referenceTo('quote'), entities)).toBeUndefined();
    expect(referencedEntity('title', { type: 'string' }, entities)).toBeUndefined();
    expect(referencedEntity('Id', undefined, entities)).toBeUndefined();
  });

  it('say which currency an integer amount of minor units is in', () => {
    const weighted = minorUnitsIn('amount.currency', { type: 'integer', minimum: 0 });
    expect(weighted).toEqual({ type: 'integer', minimum: 0, 'x-rapport-currency': 'amount.currency' });
    expect(currencyPathOf(weighted)).toBe('amount.currency');
    expect(currencyPathOf({ type: 'integer' })).toBeUndefined();
  });

  it('compile in strict mode as annotations that validate nothing of their own', () => {
    const check = createSchemaCompiler()({
      type: 'object',
      properties: {
        programmeId: referenceTo('loyaltyProgramme'),
        weighted: minorUnitsIn('amount.currency', { type: 'integer' }),
      },
      additionalProperties: false,
    });
    expect(check({ programmeId: 'p-1', weighted: 5 })).toEqual([]);
    expect(check({ programmeId: '' })).toEqual([expect.objectContaining({ path: 'programmeId' })]);
    expect(check({ weighted: 1.5 })).toEqual([expect.objectContaining({ path: 'weighted' })]);
    expect(referenceTo('customer')[REFERENCE_KEYWORD]).toBe('customer');
  });
});
