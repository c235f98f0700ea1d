import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../schema/fields.js';
import { filtersWhere } from './filters.js';

const fields = fieldsOf(
  {
    type: 'object',
    properties: {
      name: { type: 'string' },
      stage: { type: 'string', enum: ['open', 'won'] },
      vip: { type: 'boolean' },
      employees: { type: 'integer' },
      amount: { type: 'object', properties: { amount: { type: 'integer' }, currency: { type: 'string' } } },
      closedOn: { type: 'string', format: 'date' },
      customerId: { type: 'string' },
      tags: { type: 'array', items: { type: 'string' } },
    },
  },
  { entities: new Set(['customer']) },
);

describe('filters from field types', () => {
  it('turns each filter into the query language', () => {
    expect(
      filtersWhere(fields, {
        name: { text: 'Acme' },
        stage: { text: 'won' },
        vip: { text: 'true' },
        employees: { min: '10', max: '' },
        amount: { min: '1000', max: '2500.50' },
        closedOn: { min: '2026-01-01', max: '2026-03-31' },
        customerId: { text: 'c1' },
        tags: { text: 'vip' },
      }),
    ).toEqual({
      and: [
        { name: { contains: 'Acme' } },
        { stage: { eq: 'won' } },
        { vip: { eq: true } },
        { employees: { gte: 10 } },
        { 'amount.amount': { gte: 100000, lte: 250050 } },
        { closedOn: { gte: '2026-01-01', lte: '2026-03-31' } },
        { customerId: { eq: 'c1' } },
        { tags: { contains: 'vip' } },
      ],
    });
  });

  it('leaves out empty filters', () => {
    expect(filtersWhere(fields, { name: { text: ' ' }, employees: {}, vip: { text: '' } })).toBeUndefined();
  });
});
