import { defineEntity, definePlugin } from '@rapport/core';

/** The customer entity the HTTP and repository benchmarks write: a realistic handful of fields. */
export const BenchCustomer = defineEntity({
  name: 'customer',
  plural: 'customers',
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string', maxLength: 200 },
      email: { type: 'string', format: 'email' },
      segment: { type: 'string', enum: ['A', 'B', 'C'] },
      score: { type: 'integer' },
      region: { type: 'string' },
    },
    required: ['name'],
  },
  indexes: ['segment'],
});

/** The plugin defining {@link BenchCustomer}. */
export const benchCustomers = definePlugin({
  id: 'bench',
  version: '0.0.0',
  register: (ctx) => ctx.entities.define(BenchCustomer),
});

/** The i-th deterministic bench customer. */
export function benchCustomer(i: number): Record<string, unknown> {
  return {
    name: `Customer ${i}`,
    email: `c${i}@example.com`,
    segment: 'ABC'[i % 3],
    score: i % 1000,
    region: `r${i % 17}`,
  };
}
