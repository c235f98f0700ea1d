import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

/** What a third party can import: package entry points, never a package's internal files. */
const PUBLIC = [
  '@rapport/core',
  '@rapport/server',
  '@rapport/plugin-customers',
  '@rapport/testing',
  'hono',
  'hono/html',
  'vitest',
];

describe('the example plugin', () => {
  it('imports only the public entry points of Rapport packages', async () => {
    const dir = new URL('.', import.meta.url);
    const files = (await readdir(dir)).filter((name) => name.endsWith('.ts'));
    const imported = new Set<string>();
    for (const file of files) {
      const text = await readFile(new URL(file, dir), 'utf8');
      for (const [, specifier] of text.matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)) {
        if (specifier && !specifier.startsWith('.') && !specifier.startsWith('node:'))
          imported.add(specifier);
      }
    }
    expect([...imported].filter((specifier) => !PUBLIC.includes(specifier))).toEqual([]);
    expect(imported).toContain('@rapport/plugin-customers');
  });
});
