import { unboundedSchemaPaths } from '@rapport/core';
import { unboundedOpenApiPaths } from '@rapport/server';
import { createTestServer, openApiLintErrors, type TestServer } from '@rapport/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hello } from './hello-plugin.js';
import { mood } from './mood-plugin.js';
import { people } from './people-plugin.js';

describe('the bounded contract of the hello example', () => {
  let s: TestServer<'admin'>;
  beforeAll(async () => {
    s = await createTestServer({ plugins: [people(), mood(), hello()], keys: { admin: ['admin'] } });
  });
  afterAll(() => s.stop());

  it('bounds every field of its entities and of those it extends', () => {
    const entities = [...s.t.kernel.entities.values()].filter((e) =>
      ['person', 'mood', 'greeting', 'greetingDigest'].includes(e.name),
    );
    expect(entities).toHaveLength(4);
    expect(entities.flatMap((entity) => unboundedSchemaPaths(entity.schema, entity.name))).toEqual([]);
  });

  it('bounds every parameter, body and answer of its routes in /openapi.json, which passes the linter', async () => {
    const res = await s.request('GET', '/openapi.json', 'admin');
    const document = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/hello/greetings/{id}/rating-link', '/p/hello/rate/{token}']),
    );
    expect(unboundedOpenApiPaths(document)).toEqual([]);
    expect(await openApiLintErrors(document)).toEqual([]);
  });
});
