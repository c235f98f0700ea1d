import { definePlugin } from '@rapport/core';
import { createTestKernel } from '@rapport/core/testing';
import { compileErrors, validate } from '@readme/openapi-parser';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from '../auth/api-key-entity.js';
import { bootServer, helpdesk, type ServerFixture } from '../test-support/fixture.js';
import { buildOpenApi } from './build-openapi.js';
import { unboundedOpenApiPaths } from './unbounded-paths.js';

/** The value at `path` inside parsed JSON; `undefined` where the path leaves it. */
function at(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
}

/** The keys of the object at `path`. */
const keysAt = (value: unknown, ...path: string[]): string[] => Object.keys(at(value, ...path) ?? {});

describe('OpenAPI document', () => {
  let f: ServerFixture;
  let doc: unknown;
  beforeAll(async () => {
    f = await bootServer();
    doc = await (await f.app.request('/openapi.json')).json();
  });
  afterAll(() => f.t.stop());

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(at(doc, 'openapi')).toBe('3.1.0');
  });

  it('describes every route of every exposed entity with schemas from the entity', () => {
    expect(keysAt(doc, 'paths')).toEqual(
      expect.arrayContaining([
        '/api/service-tickets',
        '/api/service-tickets/{id}',
        '/api/service-tickets/aggregate',
        '/api/metrics',
        '/api/metrics/{id}',
        '/api/audit',
        '/api/helpdesk/summary',
        '/healthz',
        '/readyz',
      ]),
    );
    expect(at(doc, 'components', 'schemas', 'ServiceTicketInput', 'properties', 'team')).toEqual({
      type: 'string',
      enum: ['north', 'south'],
    });
    expect(at(doc, 'components', 'schemas', 'ServiceTicket', 'required')).toEqual(
      expect.arrayContaining(['id', 'version', 'title']),
    );
    expect(at(doc, 'paths', '/api/service-tickets/{id}', 'patch', 'responses', '412')).toBeDefined();
    expect(at(doc, 'paths', '/healthz', 'get', 'security')).toEqual([]);
  });

  it('documents the key administration routes, never with the hash', () => {
    expect(keysAt(doc, 'paths', '/api/api-keys')).toEqual(['get', 'post']);
    expect(keysAt(doc, 'paths', '/api/api-keys/{id}')).toEqual(['delete']);
    expect(at(doc, 'paths', '/api/api-keys', 'post', 'requestBody', 'content', 'application/json')).toEqual({
      schema: { $ref: '#/components/schemas/ApiKeyInput' },
    });
    expect(
      at(doc, 'paths', '/api/api-keys', 'post', 'responses', '201', 'content', 'application/json', 'schema'),
    ).toEqual({ $ref: '#/components/schemas/CreatedApiKey' });
    const key = at(doc, 'components', 'schemas', 'ApiKey') as { properties: object; required: string[] };
    expect(Object.keys(key.properties)).toEqual(
      expect.arrayContaining(['id', 'name', 'keyId', 'roles', 'revokedAt']),
    );
    expect(key.properties).not.toHaveProperty('hash');
    expect(key.required).not.toContain('hash');
    expect(at(doc, 'components', 'schemas', 'ApiKeyInput', 'required')).toEqual(['name', 'roles']);
    // The generic entity routes never serve apiKey.
    expect(keysAt(doc, 'paths').filter((p) => p.startsWith('/api/api-keys'))).toHaveLength(2);
    expect(keysAt(doc, 'components', 'schemas')).not.toContain('ApiKeyPage');
  });

  it('adds the schemas a plugin mounts, and tags and 401s its operations', () => {
    const summary = at(doc, 'paths', '/api/helpdesk/summary', 'get') as Record<string, unknown>;
    expect(at(summary, 'responses', '200', 'content', 'application/json', 'schema')).toEqual({
      $ref: '#/components/schemas/HelpdeskSummary',
    });
    expect(at(doc, 'components', 'schemas', 'HelpdeskSummary', 'required')).toEqual(['rows']);
    expect(summary.tags).toEqual(['helpdesk']);
    expect(at(summary, 'responses', '401')).toEqual({ $ref: '#/components/responses/Unauthorized' });
    expect((at(doc, 'tags') as Array<{ name: string }>).map((t) => t.name)).toEqual(
      expect.arrayContaining(['serviceTicket', 'helpdesk', 'system', 'metrics', 'audit', 'apiKeys']),
    );
  });

  it('gives metrics, audit and health answers closed schemas', () => {
    for (const name of [
      'MetricList',
      'Metric',
      'MetricValue',
      'AuditPage',
      'AuditRecord',
      'Health',
      'Readiness',
    ]) {
      expect(at(doc, 'components', 'schemas', name, 'additionalProperties'), name).toBe(false);
    }
    expect(at(doc, 'components', 'schemas', 'Metric', 'properties', 'better')).toMatchObject({
      enum: ['higher', 'lower'],
    });
    expect(
      at(doc, 'paths', '/api/audit', 'get', 'responses', '200', 'content', 'application/json', 'schema'),
    ).toEqual({ $ref: '#/components/schemas/AuditPage' });
  });

  it('models the problem document with field errors and an optional details object', () => {
    const problem = at(doc, 'components', 'schemas', 'Problem') as { properties: object; required: string[] };
    expect(problem.required).toEqual(['type', 'title', 'status', 'detail', 'code']);
    expect(at(problem, 'properties', 'errors', 'items')).toEqual({ $ref: '#/components/schemas/FieldError' });
    expect(at(problem, 'properties', 'details', 'type')).toBe('object');
  });

  it('spells out free-form objects, so generators do not read them as empty', () => {
    const where = (
      at(doc, 'paths', '/api/service-tickets', 'get', 'parameters') as Array<{ name: string }>
    ).find((p) => p.name === 'where');
    expect(at(where, 'schema')).toMatchObject({ type: 'object', maxProperties: 100 });
    // Each member a bounded value: a string, a list, an operator object.
    expect(at(where, 'schema', 'additionalProperties')).toMatchObject({
      maxLength: 10_000,
      maxItems: 1_000,
      additionalProperties: true,
    });
  });

  it('bounds every value the server states; the unbounded ones are the fixture entity and plugin route', () => {
    // Everything the server itself documents is bounded; what is left comes from the test plugin.
    expect(unboundedOpenApiPaths(doc)).toEqual([
      '#/components/schemas/ServiceTicket/properties/counter: an integer without minimum and maximum (or format int32)',
      '#/components/schemas/ServiceTicket/properties/tags: an array without maxItems',
      '#/components/schemas/ServiceTicket/properties/tags/items: a string without maxLength (or enum, const, format date or uuid)',
      '#/components/schemas/ServiceTicketInput/properties/counter: an integer without minimum and maximum (or format int32)',
      '#/components/schemas/ServiceTicketInput/properties/tags: an array without maxItems',
      '#/components/schemas/ServiceTicketInput/properties/tags/items: a string without maxLength (or enum, const, format date or uuid)',
      '#/components/schemas/ServiceTicketPatch/properties/counter: an integer without minimum and maximum (or format int32)',
      '#/components/schemas/ServiceTicketPatch/properties/tags: an array without maxItems',
      '#/components/schemas/ServiceTicketPatch/properties/tags/items: a string without maxLength (or enum, const, format date or uuid)',
      '#/components/schemas/HelpdeskSummary: an object open to more members without maxProperties',
      '#/components/schemas/HelpdeskSummary/properties/rows: an array without maxItems',
      '#/components/schemas/HelpdeskSummary/properties/rows/items: an object open to more members without maxProperties',
      '#/components/schemas/HelpdeskSummary/properties/rows/items/properties/team: a string without maxLength (or enum, const, format date or uuid)',
      '#/components/schemas/HelpdeskSummary/properties/rows/items/properties/n: an integer without minimum and maximum (or format int32)',
    ]);
  });

  it('states the page and query bounds the kernel keeps', () => {
    const parameters = at(doc, 'paths', '/api/service-tickets', 'get', 'parameters') as Array<{
      name: string;
      schema: Record<string, unknown>;
    }>;
    const schemaOf = (name: string) => parameters.find((p) => p.name === name)?.schema;
    expect(schemaOf('limit')).toEqual({ type: 'integer', minimum: 1, maximum: 1000 });
    expect(schemaOf('cursor')).toEqual({ type: 'string', maxLength: 4096 });
    expect(at(doc, 'components', 'schemas', 'ServiceTicketPage', 'properties', 'items', 'maxItems')).toBe(
      1000,
    );
    expect(at(doc, 'components', 'schemas', 'ServiceTicket', 'properties', 'id')).toEqual({
      type: 'string',
      minLength: 1,
      maxLength: 200,
    });
  });

  it('refuses a plugin schema whose name is taken', async () => {
    const copycat = definePlugin({
      id: 'copycat',
      version: '1.0.0',
      dependsOn: ['helpdesk'],
      register: (ctx) =>
        ctx.routes.mount(new Hono(), { schemas: { ServiceTicket: { type: 'object', properties: {} } } }),
    });
    const t = await createTestKernel({ plugins: [apiKeys(), helpdesk(), copycat()] });
    expect(() => buildOpenApi(t.kernel, { title: 'CRM', version: '1' })).toThrow(
      "the OpenAPI schema 'ServiceTicket' of plugin 'copycat' is already defined",
    );
    await t.stop();
  });

  it('states the 429 answer and the RateLimit headers of every /api operation, and the CORS policy', async () => {
    const list = at(doc, 'paths', '/api/service-tickets', 'get', 'responses') as Record<string, unknown>;
    expect(list['429']).toEqual({ $ref: '#/components/responses/TooManyRequests' });
    expect(Object.keys(at(list, '200', 'headers') as object)).toEqual([
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'RateLimit-Policy',
    ]);
    expect(list['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
    expect(at(doc, 'paths', '/api/helpdesk/summary', 'get', 'responses', '429')).toBeDefined();
    expect(
      at(doc, 'paths', '/api/service-tickets/{id}', 'get', 'responses', '200', 'headers', 'ETag'),
    ).toBeDefined();
    expect(at(doc, 'paths', '/healthz', 'get', 'responses', '429')).toBeUndefined();
    expect(keysAt(doc, 'components', 'responses', 'TooManyRequests', 'headers')).toContain('Retry-After');
    expect(keysAt(doc, 'components', 'responses', 'Forbidden', 'headers')).toContain('RateLimit-Remaining');
    expect(at(doc, 'components', 'responses', 'Unauthorized', 'headers')).toBeUndefined();
    expect(at(doc, 'info', 'description')).toContain('1200 requests per 1 min, 200 at once');
    expect(at(doc, 'info', 'description')).toContain('CORS: no origin is allowed');

    const off = await bootServer({ rateLimit: false, cors: { origins: ['https://crm.example.com'] } });
    const plain = await (await off.app.request('/openapi.json')).json();
    expect(at(plain, 'paths', '/api/service-tickets', 'get', 'responses', '429')).toBeUndefined();
    expect(at(plain, 'components', 'headers')).toBeUndefined();
    expect(at(plain, 'info', 'description')).toContain('Rate limits: none.');
    expect(at(plain, 'info', 'description')).toContain('from https://crm.example.com, without credentials');
    const result = await validate(structuredClone(plain) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    await off.t.stop();
  });

  it('renders the reference page from the document', async () => {
    const page = await f.app.request('/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/openapi.json');
  });
});
