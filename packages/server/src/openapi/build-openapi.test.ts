import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, type ServerFixture } from '../test-support/fixture.js';

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
    expect(keysAt(doc, 'paths').some((p) => p.includes('api-keys'))).toBe(false);
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

  it('renders the reference page from the document', async () => {
    const page = await f.app.request('/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/openapi.json');
  });
});
