import { createSchemaCompiler, type JsonSchemaObject } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { ExampleBodyError, type ExampleEntity, exampleBodies } from './example-bodies.js';

const entity = (
  name: string,
  inputSchema: Record<string, unknown>,
  readOnly: string[] = [],
): ExampleEntity => ({
  name,
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {},
    ...inputSchema,
  } as JsonSchemaObject,
  readOnlyFields: new Map(readOnly.map((field) => [field, undefined])),
});

const compile = createSchemaCompiler();
const valid = (e: ExampleEntity, body: unknown) => compile(e.inputSchema)(structuredClone(body));

const deal = entity(
  'deal',
  {
    properties: {
      title: { type: 'string', minLength: 1, maxLength: 12 },
      key: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,62}$' },
      code: { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' },
      email: { type: 'string', format: 'email', maxLength: 320 },
      closeOn: { type: 'string', format: 'date' },
      at: { type: 'string', format: 'date-time' },
      stage: { type: 'string', enum: ['open', 'won'] },
      kind: { const: 'deal' },
      probability: { type: 'integer', minimum: 10, maximum: 90, multipleOf: 20 },
      ratio: { type: 'number', exclusiveMinimum: 1 },
      done: { type: 'boolean' },
      amount: {
        type: 'object',
        required: ['amount', 'currency'],
        properties: {
          amount: { type: 'integer', minimum: 0 },
          currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        },
      },
      stages: {
        type: 'array',
        minItems: 2,
        uniqueItems: true,
        items: {
          type: 'object',
          required: ['key'],
          properties: { key: { type: 'string', pattern: '^[a-z]+$', maxLength: 10 } },
        },
      },
      customerId: { type: 'string', minLength: 1 },
      ownerId: { type: 'string', minLength: 1 },
      notes: { type: 'string', maxLength: 5000 },
      score: { type: 'integer', minimum: 0 },
    },
    required: [
      'title',
      'key',
      'code',
      'email',
      'closeOn',
      'at',
      'stage',
      'kind',
      'probability',
      'ratio',
      'done',
      'amount',
      'stages',
      'customerId',
      'ownerId',
      'score',
    ],
  },
  ['score'],
);

describe('exampleBodies', () => {
  const bodies = () =>
    exampleBodies({
      entities: ['customer', 'deal'],
      references: { customer: 'c_1' },
      values: { currency: 'EUR' },
    });

  it('fills every required writable property with a value its schema accepts', () => {
    const body = bodies().create(deal);
    expect(valid(deal, { ...body, score: 0 })).toEqual([]);
    expect(body).toMatchObject({
      closeOn: '2026-06-01',
      stage: 'open',
      kind: 'deal',
      probability: 20,
      done: true,
      amount: { amount: 1, currency: 'EUR' },
      customerId: 'c_1',
    });
    expect(body.code).toMatch(/^[A-Z]{3}-\d{4}$/);
    expect((body.stages as unknown[]).length).toBe(2);
    expect(body.ratio as number).toBeGreaterThan(1);
    expect(body).not.toHaveProperty('score'); // read-only: the system writes it
    expect(body).not.toHaveProperty('notes'); // optional
    expect(typeof body.ownerId).toBe('string'); // `owner` is no entity: a plain string
  });

  it('makes strings unique per call', () => {
    const generator = bodies();
    const [a, b] = [generator.create(deal), generator.create(deal)];
    for (const field of ['title', 'key', 'code', 'email'] as const) expect(a[field]).not.toEqual(b[field]);
  });

  it('prefers a property’s own examples, and skips the ones its schema refuses', () => {
    const sku = entity('sku', {
      properties: { code: { type: 'string', pattern: '^SKU-\\d+$', examples: ['nope', 'SKU-42'] } },
      required: ['code'],
    });
    expect(bodies().create(sku)).toEqual({ code: 'SKU-42' });
  });

  it('takes the first oneOf branch whose value passes', () => {
    const expiry = entity('rule', {
      properties: {
        expiry: {
          oneOf: [
            {
              type: 'object',
              required: ['kind', 'months'],
              properties: { kind: { const: 'months' }, months: { type: 'integer', minimum: 1 } },
              additionalProperties: false,
            },
            { type: 'object', required: ['kind'], properties: { kind: { const: 'never' } } },
          ],
        },
      },
      required: ['expiry'],
    });
    expect(bodies().create(expiry)).toEqual({ expiry: { kind: 'months', months: 1 } });
  });

  it('adds what a root-level rule (dependentRequired) requires', () => {
    const conditional = entity('customer', {
      properties: {
        kind: { type: 'string', enum: ['person', 'organisation'] },
        name: { type: 'string', minLength: 1 },
      },
      required: ['kind'],
      dependentRequired: { kind: ['name'] },
    });
    const body = bodies().create(conditional);
    expect(body).toMatchObject({ kind: 'person', name: expect.any(String) });
    expect(valid(conditional, body)).toEqual([]);
  });

  it('adds what a root-level if/then requires', () => {
    const conditional = entity('lead', {
      properties: {
        kind: { type: 'string', enum: ['person', 'company'] },
        name: { type: 'string', minLength: 1 },
      },
      required: ['kind'],
      if: { type: 'object', properties: { kind: { const: 'person' } } },
      // Built, not written: an object literal with a `then` reads as a promise to the linter.
      ...Object.fromEntries([['then', { required: ['name'], properties: { name: { type: 'string' } } }]]),
    });
    const body = bodies().create(conditional);
    expect(body).toMatchObject({ kind: 'person', name: expect.any(String) });
    expect(valid(conditional, body)).toEqual([]);
  });

  it('refuses to invent a reference it has no record for, naming the field', () => {
    const reply = entity('reply', {
      properties: { dealId: { type: 'string', minLength: 1 } },
      required: ['dealId'],
    });
    expect(() => bodies().create(reply)).toThrow(ExampleBodyError);
    expect(() => bodies().create(reply)).toThrow(/dealId.*references 'deal'/);
  });

  it('throws naming the entity and the field when nothing passes', () => {
    const impossible = entity('impossible', {
      properties: { n: { type: 'integer', minimum: 5, maximum: 3 } },
      required: ['n'],
    });
    expect(() => bodies().create(impossible)).toThrow(/entity 'impossible'.*'n'/);
  });

  it('patches one optional writable property, free text first', () => {
    const patch = bodies().patch(deal);
    expect(patch).toEqual({ notes: expect.stringMatching(/^Example notes \d+$/) });
    const onlyNumbers = entity('counter', {
      properties: { total: { type: 'integer', minimum: 3 }, computed: { type: 'string', readOnly: true } },
    });
    expect(bodies().patch(onlyNumbers)).toEqual({ total: 3 });
    expect(
      bodies().patch(entity('empty', { properties: { id: { type: 'string' } }, required: ['id'] })),
    ).toBe(undefined);
  });
});
