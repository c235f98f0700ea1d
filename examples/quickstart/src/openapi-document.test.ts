import { openApiLintErrors } from '@rapport/testing';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootQuickstartServer,
  type OpenApiDocument,
  type QuickstartServer,
} from './test-support/quickstart-server.js';

/**
 * The quickstart's `/openapi.json` as a client generator and a linter read it: every successful
 * answer has a schema that says its shape, Redocly's recommended rules find no error, and
 * openapi-typescript turns the reports into real types.
 */

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Follows `#/components/...` references. */
function resolve(document: OpenApiDocument, schema: Json): Json {
  let current = schema;
  while (typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, part) => (at as Json)[part], document) as Json;
  }
  return current;
}

/** Why a schema says nothing of its shape (a bare object, an array of them), or undefined when it does. */
function shapeless(document: OpenApiDocument, schema: Json): string | undefined {
  const resolved = resolve(document, schema);
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = resolved[keyword] as Json[] | undefined;
    if (branches) return branches.map((branch) => shapeless(document, branch)).find(Boolean);
  }
  if (resolved.type === 'array') {
    return resolved.items ? shapeless(document, resolved.items as Json) : 'an array of anything';
  }
  if (resolved.type === undefined && resolved.const === undefined) return 'no type';
  if (resolved.type !== 'object') return undefined;
  const properties = Object.keys((resolved.properties as Json | undefined) ?? {});
  return properties.length > 0 ? undefined : 'an object without properties';
}

describe('the OpenAPI document of the quickstart', () => {
  let s: QuickstartServer;
  let document: OpenApiDocument;
  beforeAll(async () => {
    s = await bootQuickstartServer({ customers: 0, deals: 0 });
    document = await s.document();
  });
  afterAll(() => s.t.stop());

  it('gives every successful answer a schema with properties, never a bare object', () => {
    const found: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method] as { responses: Record<string, Json> } | undefined;
        for (const [status, response] of Object.entries(operation?.responses ?? {})) {
          if (!status.startsWith('2') || status === '204') continue;
          const content = resolve(document, response).content as Record<string, { schema: Json }> | undefined;
          const json = content?.['application/json'];
          if (!json && content?.['text/html']) continue; // a public page (the unsubscribe page) answers HTML
          if (!json && content?.['image/svg+xml']) continue; // a drawing (the strategy map) answers SVG
          const why = json ? shapeless(document, json.schema) : 'no JSON content';
          if (why) found.push(`${method.toUpperCase()} ${path} ${status}: ${why}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('passes Redocly’s recommended rules without an error', async () => {
    expect(await openApiLintErrors(document)).toEqual([]);
  });

  it('generates TypeScript types a client can use (openapi-typescript)', async () => {
    const types = astToString(await openapiTS(structuredClone(document) as never));
    /** The generated text of `name: { ... }` at an indent (8: a schema, 4: an operation). */
    const block = (name: string, indent = 8) => {
      const pad = ' '.repeat(indent);
      const start = types.indexOf(`\n${pad}${name}: {\n`);
      return start < 0 ? '' : types.slice(start, types.indexOf(`\n${pad}};\n`, start));
    };
    expect(block('ForecastPeriod')).toMatch(/\n\s+period: string;/);
    expect(block('ForecastPeriod')).toMatch(
      /\n\s+"best-case": components\["schemas"\]\["ForecastCategoryTotals"\];/,
    );
    expect(block('Forecast')).toMatch(/\n\s+periods: components\["schemas"\]\["ForecastPeriod"\]\[\];/);
    expect(block('Forecast')).toMatch(/\n\s+period: "month" \| "quarter";/);
    expect(block('salesForecast', 4)).toContain('"application/json": components["schemas"]["Forecast"];');
    expect(block('CreatedApiKey')).toMatch(/\n\s+key: string;/);
    expect(block('ApiKey')).not.toMatch(/\bhash\??:/);
    // A bare `{ type: 'object' }` becomes `Record<string, never>`: a type nothing can be assigned to.
    expect(types.match(/^.*Record<string, never>.*$/gm)).toEqual([
      'export type webhooks = Record<string, never>;',
      'export type $defs = Record<string, never>;',
    ]);
  });
});
