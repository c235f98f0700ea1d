import { unboundedSchemaPaths } from '@rapport/core';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const step = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

function visit(node: unknown, pointer: string, found: string[]): void {
  if (Array.isArray(node)) {
    for (const [i, inner] of node.entries()) visit(inner, `${pointer}/${i}`, found);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, inner] of Object.entries(node)) {
    const at = `${pointer}/${step(key)}`;
    if (at === '#/components/schemas' && isObject(inner)) {
      for (const [name, schema] of Object.entries(inner)) {
        found.push(...unboundedSchemaPaths(schema, `${at}/${step(name)}`));
      }
    } else if (key === 'schema' && isObject(inner)) {
      found.push(...unboundedSchemaPaths(inner, at));
    } else {
      visit(inner, at, found);
    }
  }
}

/**
 * Every unbounded value an OpenAPI document states, by the rule of `unboundedSchemaPaths` (from
 * `@rapport/core`): the component schemas, and the schema of every parameter, header, request
 * body and answer. Each as `<JSON pointer>: <why>`; empty when the whole contract is bounded.
 *
 * @example
 * ```ts
 * const document = await (await app.request('/openapi.json')).json();
 * expect(unboundedOpenApiPaths(document)).toEqual([]);
 * ```
 */
export function unboundedOpenApiPaths(document: unknown): string[] {
  const found: string[] = [];
  visit(document, '#', found);
  return found;
}
