import { describe, expect, it } from 'vitest';
import { memoryConfig, projectsRemovedAfterAll } from '../test-support/cli-harness.js';
import { findConfigFile, loadConfig } from './load-config.js';

const project = projectsRemovedAfterAll();

describe('loadConfig', () => {
  it('finds rapport.config.ts in the directory and validates it', async () => {
    const p = await project(memoryConfig('load-1'));
    const { path, config } = await loadConfig(undefined, { cwd: p.dir });
    expect(path).toBe(`${p.dir}/rapport.config.ts`);
    expect(typeof config.store).toBe('function');
    expect(config.plugins).toHaveLength(1);
  });

  it('calls a config function with the environment (secrets and URLs come from it)', async () => {
    const p = await project();
    await p.write(
      'custom.config.mjs',
      `import { memoryStore } from '@rapport/core';
       export default (env) => ({ store: () => memoryStore(), server: { title: env.CRM_TITLE, port: Number(env.PORT ?? 3000) } });`,
    );
    const { config } = await loadConfig('custom.config.mjs', {
      cwd: p.dir,
      env: { CRM_TITLE: 'ACME', PORT: '4000' },
    });
    expect(config.server).toEqual({ title: 'ACME', port: 4000 });
  });

  it('says how to create a config when there is none, and names a missing --config file', async () => {
    const p = await project();
    expect(() => findConfigFile(undefined, p.dir)).toThrow(/no rapport.config.ts .* run `rapport init`/);
    await expect(loadConfig('nope.ts', { cwd: p.dir })).rejects.toThrow(
      `config file ${p.dir}/nope.ts does not exist`,
    );
  });

  it('reports a file that does not load, exports nothing, or is not a config', async () => {
    const p = await project();
    await p.write('syntax.config.ts', 'export const config = {');
    await expect(loadConfig('syntax.config.ts', { cwd: p.dir })).rejects.toMatchObject({
      code: 'CONFIG_LOAD_FAILED',
    });
    await p.write('empty.config.ts', 'export const other = 1;');
    await expect(loadConfig('empty.config.ts', { cwd: p.dir })).rejects.toThrow(/exports no config/);
    await p.write('bad.config.ts', 'export const config = { store: 42 };');
    await expect(loadConfig('bad.config.ts', { cwd: p.dir })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'store', message: 'must be a DataStore or a function returning one (got number 42)' }],
    });
    await p.write(
      'throws.config.ts',
      "export const config = () => { throw new Error('DATABASE_URL is not set'); };",
    );
    await expect(loadConfig('throws.config.ts', { cwd: p.dir })).rejects.toThrow(
      /the config function in .* threw: DATABASE_URL is not set/,
    );
  });
});
