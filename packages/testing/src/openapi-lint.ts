import { createConfig, lintFromString } from '@redocly/openapi-core';

/**
 * Lints an OpenAPI document with Redocly's `recommended` rules and answers the errors, one line
 * each (`rule at pointer: message`); none means the document passes. Warnings are left out.
 *
 * @example
 * ```ts
 * const document = await (await s.request('GET', '/openapi.json', 'admin')).json();
 * expect(await openApiLintErrors(document)).toEqual([]);
 * ```
 */
export async function openApiLintErrors(document: unknown): Promise<string[]> {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({
    source: JSON.stringify(document),
    absoluteRef: 'openapi.json',
    config,
  });
  return problems
    .filter((problem) => problem.severity === 'error')
    .map((problem) => `${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`);
}
