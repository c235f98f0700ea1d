import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { projectsRemovedAfterAll } from '../test-support/cli-harness.js';

const project = projectsRemovedAfterAll();

describe('rapport init', () => {
  it('writes a config that loads and serves, prints next steps, and refuses to overwrite without --force', async () => {
    const p = await project();
    const result = await p.run(['init', 'crm']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Wrote crm/rapport.config.ts');
    expect(result.stdout).toContain('  cd crm');
    expect(result.stdout).toContain('rapport serve');
    const text = await readFile(`${p.dir}/crm/rapport.config.ts`, 'utf8');
    expect(text).toContain("import { defineConfig } from '@rapport/cli';");
    expect(text).toContain('lowdbStore({ dir: env.RAPPORT_DATA_DIR');
    expect(text).toContain('postgresStore({ url: env.DATABASE_URL');

    const { config } = await loadConfig(undefined, { cwd: `${p.dir}/crm`, env: { PORT: '4321' } });
    expect(config.server).toMatchObject({ port: 4321, hostname: '127.0.0.1', title: 'Rapport CRM' });
    expect(typeof config.store).toBe('function');

    const again = await p.run(['init', 'crm']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `error: ${p.dir}/crm/rapport.config.ts already exists: pass --force to overwrite it (CONFIG_EXISTS)\n`,
    );
    expect(await p.run(['init', 'crm', '--force', '--quiet'])).toMatchObject({ code: 0, stdout: '' });
  });

  it('writes into the current directory by default', async () => {
    const p = await project();
    const result = await p.run(['init']);
    expect(result.stdout).toContain('Wrote rapport.config.ts');
    expect(result.stdout).not.toContain('  cd ');
  });
});
