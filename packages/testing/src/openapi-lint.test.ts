import { describe, expect, it } from 'vitest';
import { openApiLintErrors } from './openapi-lint.js';

describe('openApiLintErrors', () => {
  const valid = {
    openapi: '3.1.0',
    info: { title: 'T', version: '1', license: { name: 'MIT', identifier: 'MIT' } },
    servers: [{ url: 'http://127.0.0.1' }],
    security: [],
    paths: {
      '/ping': {
        get: {
          operationId: 'ping',
          summary: 'Ping',
          responses: { '200': { description: 'ok' } },
        },
      },
    },
  };

  it('answers nothing for a valid document', async () => {
    expect(await openApiLintErrors(valid)).toEqual([]);
  });

  it('names the rule and the place of each error', async () => {
    const broken = structuredClone(valid) as Record<string, unknown> & { paths: Record<string, unknown> };
    broken.paths['/items/{id}'] = {
      get: { operationId: 'ping', responses: { '200': { description: 'ok' } } },
    };
    const errors = await openApiLintErrors(broken);
    expect(
      errors.some((line) => line.startsWith('operation-operationId-unique at #/paths/~1items~1{id}/get')),
    ).toBe(true);
    expect(errors.some((line) => line.startsWith('path-parameters-defined'))).toBe(true);
  });
});
