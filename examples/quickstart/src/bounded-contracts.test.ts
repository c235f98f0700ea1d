import { unboundedSchemaPaths } from '@rapport/core';
import { unboundedOpenApiPaths } from '@rapport/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootQuickstartServer,
  type OpenApiDocument,
  type QuickstartServer,
} from './test-support/quickstart-server.js';

/**
 * Every value of the quickstart's contract has a bound (the rule of `unboundedSchemaPaths`:
 * strings a maxLength, arrays a maxItems, integers and numbers a minimum and a maximum, open
 * objects a maxProperties): each entity schema of the composition, each collection the store
 * holds (the kernel's audit, outbox and jobs included), and the whole `/openapi.json` — request
 * bodies, parameters, headers and answers. A failure lists each offender by its path.
 */
describe('the bounded contract of the quickstart', () => {
  let s: QuickstartServer;
  let document: OpenApiDocument;
  beforeAll(async () => {
    s = await bootQuickstartServer({ customers: 0, deals: 0 });
    document = await s.document();
  });
  afterAll(() => s.t.stop());

  it('bounds every field of every entity, exposed or not', () => {
    const entities = [...s.t.kernel.entities.values()];
    expect(entities.map((entity) => entity.name)).toEqual(
      expect.arrayContaining(['customer', 'deal', 'salesRuleState', 'apiKey']),
    );
    const found = entities.flatMap((entity) => [
      ...unboundedSchemaPaths(entity.schema, `${entity.name}`),
      ...unboundedSchemaPaths(entity.inputSchema, `${entity.name} input`),
    ]);
    expect(found).toEqual([]);
  });

  it("bounds every collection the store holds, the kernel's own included", () => {
    const collections = s.t.kernel.storeSchema.collections;
    expect(collections.map((collection) => collection.name)).toEqual(
      expect.arrayContaining(['_audit', '_outbox', '_jobs']),
    );
    expect(
      collections.flatMap((collection) => unboundedSchemaPaths(collection.schema, collection.name)),
    ).toEqual([]);
  });

  it('bounds every parameter, body, header and answer of /openapi.json', () => {
    expect(unboundedOpenApiPaths(document)).toEqual([]);
  });

  it('enforces the bounds: a value beyond one is a 400 naming the field and the rule', async () => {
    const refused = async (path: string, body: Record<string, unknown>) => {
      const res = await s.call('POST', path, body);
      const problem = (await res.json()) as { errors?: Array<{ path: string; rule: string }> };
      return { status: res.status, error: problem.errors?.[0] };
    };
    const person = { kind: 'person', name: 'Ada Lovelace' };
    expect(await refused('/api/customers', { ...person, objective: { employees: 200_000_000 } })).toEqual({
      status: 400,
      error: expect.objectContaining({ path: 'objective.employees', rule: 'maximum' }),
    });
    expect(
      await refused('/api/customers', { ...person, acquiredAt: `2026-01-01T00:00:00.${'1'.repeat(40)}Z` }),
    ).toEqual({ status: 400, error: expect.objectContaining({ path: 'acquiredAt', rule: 'maxLength' }) });
    const where = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, 'x']));
    expect(await refused('/api/segments', { name: 'Too wide', where })).toEqual({
      status: 400,
      error: expect.objectContaining({ path: 'where', rule: 'maxProperties' }),
    });
    const rule = { name: 'Set a huge field', trigger: { type: 'lead.created' } };
    expect(
      await refused('/api/sales-rules', {
        ...rule,
        actions: [{ type: 'setField', field: 'notes', value: 'x'.repeat(10_001) }],
      }),
    ).toEqual({
      status: 400,
      error: expect.objectContaining({ path: 'actions.0.value', rule: 'maxLength' }),
    });
  });

  it('states the bounds of the query: limit, cursor and where', () => {
    const list = document.paths['/api/customers']?.get as {
      parameters: Array<{ name: string; schema: object }>;
    };
    const schemaOf = (name: string) => list.parameters.find((parameter) => parameter.name === name)?.schema;
    expect(schemaOf('limit')).toMatchObject({ minimum: 1, maximum: 1000 });
    expect(schemaOf('cursor')).toMatchObject({ maxLength: 4096 });
    expect(schemaOf('where')).toMatchObject({ maxProperties: 100 });
  });
});
