import { describe, expect, it } from 'vitest';
import type { JsonSchemaObject } from '../entities/json-schema.js';
import { FieldPolicy } from './field-policy.js';
import { schemaFor } from './field-schema.js';

const SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    phone: { type: 'string' },
    probability: { type: 'integer' },
    profile: {
      type: 'object',
      properties: { city: { type: 'string' }, birthYear: { type: 'integer' } },
      required: ['birthYear'],
    },
  },
  required: ['name', 'phone'],
};

describe('schemaFor', () => {
  it('leaves hidden properties out, nested ones and their required entries too, and marks read-only ones', () => {
    const shown = schemaFor(SCHEMA, new FieldPolicy('lead', ['phone', 'profile.birthYear'], ['probability']));
    expect(Object.keys(shown.properties)).toEqual(['name', 'probability', 'profile']);
    expect(shown.required).toEqual(['name']);
    expect(shown.properties.profile).toEqual({
      type: 'object',
      properties: { city: { type: 'string' } },
      required: [],
    });
    expect(shown.properties.probability).toEqual({ type: 'integer', readOnly: true });
    // The entity's own schema is untouched.
    expect(Object.keys(SCHEMA.properties)).toHaveLength(4);
    expect(SCHEMA.properties.probability).toEqual({ type: 'integer' });
  });

  it('answers the schema itself without a policy, and skips paths the schema does not have', () => {
    expect(schemaFor(SCHEMA, undefined)).toBe(SCHEMA);
    expect(schemaFor(SCHEMA, new FieldPolicy('lead', ['nope.deeper'], []))).toEqual(SCHEMA);
  });
});
