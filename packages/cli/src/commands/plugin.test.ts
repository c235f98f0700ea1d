import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { THIRD_PARTY_VERSIONS } from '../scaffold/plugin-manifest.js';
import { PACKAGE_ROOT, projectsRemovedAfterAll, run } from '../test-support/cli-harness.js';

const exec = promisify(execFile);
const REPO = resolve(PACKAGE_ROOT, '../..');
const project = projectsRemovedAfterAll();
const outside: string[] = [];
afterAll(() => Promise.all(outside.map((dir) => rm(dir, { recursive: true, force: true }))));

type Manifest = {
  name: string;
  exports: Record<string, { types: string; default: string }>;
  types: string;
  files: string[];
  engines: { node: string };
  license: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const manifestOf = async (dir: string) =>
  JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;
const versionOf = async (path: string) =>
  (JSON.parse(await readFile(join(REPO, path, 'package.json'), 'utf8')) as { version: string }).version;

/** Runs a tool of the workspace in `cwd`, without the variables of the vitest running this test. */
function tool(script: string, args: string[], cwd: string) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'FORCE_COLOR'),
  );
  return exec(process.execPath, [join(REPO, script), ...args], {
    cwd,
    env: { ...env, CI: 'true', NO_COLOR: '1' },
  });
}

describe('rapport plugin new', () => {
  it('scaffolds a plugin inside the repository whose tests, typecheck and lint pass out of the box', async () => {
    const p = await project();
    const result = await p.run([
      'plugin',
      'new',
      '@acme/rapport-plugin-warranty-claims',
      '--dir',
      'warranty',
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(
      "Created @acme/rapport-plugin-warranty-claims (plugin id 'warrantyClaims') in warranty:",
    );
    expect(result.stdout).toContain('pnpm --filter @acme/rapport-plugin-warranty-claims test');
    const dir = join(p.dir, 'warranty');
    for (const file of ['README.md', '.gitignore', 'tsconfig.json', 'src/index.ts', 'src/routes.test.ts']) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    const manifest = await manifestOf(dir);
    expect(manifest).toMatchObject({
      name: '@acme/rapport-plugin-warranty-claims',
      types: './dist/index.d.ts',
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      files: ['dist', 'README.md'],
      engines: { node: '>=20.19' },
      license: 'MIT',
      dependencies: { '@rapport/core': 'workspace:*', '@rapport/server': 'workspace:*' },
      devDependencies: { '@rapport/testing': 'workspace:*' },
    });
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain("import { warrantyClaims } from '@acme/rapport-plugin-warranty-claims';");
    expect(readme).not.toMatch(/\{\{|\}\}/);

    // Its dependencies resolve through packages/cli/node_modules, as a workspace package's would.
    const tests = await tool('packages/cli/node_modules/vitest/vitest.mjs', ['run'], dir);
    expect(tests.stdout).toMatch(/Test Files\s+\S*3 passed/);
    expect(tests.stdout).toMatch(/Tests\s+\S*7 passed/);
    await tool('node_modules/typescript/bin/tsc', ['--noEmit', '-p', '.'], dir);
    const lint = await tool(
      'node_modules/@biomejs/biome/bin/biome',
      ['lint', '--vcs-use-ignore-file=false', '--error-on-warnings', dir],
      REPO,
    );
    expect(lint.stderr).not.toMatch(/error|warning/i);
  }, 90_000);

  it('uses the published version ranges of the Rapport packages outside the repository', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rapport-plugin-new-'));
    outside.push(dir);
    const result = await run(['plugin', 'new', 'rapport-plugin-nps'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  cd rapport-plugin-nps\n  pnpm install\n');
    const manifest = await manifestOf(join(dir, 'rapport-plugin-nps'));
    const core = await versionOf('packages/core');
    expect(manifest.dependencies).toEqual({
      '@rapport/core': `^${core}`,
      '@rapport/server': `^${await versionOf('packages/server')}`,
      hono: `^${THIRD_PARTY_VERSIONS.hono}`,
    });
    expect(manifest.devDependencies['@rapport/testing']).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(Object.values(manifest.devDependencies).join(' ')).not.toContain('workspace:');
    const plugin = await readFile(join(dir, 'rapport-plugin-nps/src/plugin.ts'), 'utf8');
    expect(plugin).toContain('export const nps = definePlugin({');
    expect(plugin).toContain('id: NPS_PLUGIN_ID,');
  });

  it('keeps the third-party versions it writes equal to those the workspace builds with', async () => {
    const root = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as Manifest;
    const server = JSON.parse(await readFile(join(REPO, 'packages/server/package.json'), 'utf8')) as Manifest;
    expect(THIRD_PARTY_VERSIONS).toEqual({
      hono: server.dependencies.hono,
      vitest: root.devDependencies.vitest,
      typescript: root.devDependencies.typescript,
      '@types/node': root.devDependencies['@types/node'],
    });
  });

  it('refuses a name that breaks npm rules, or gives no usable plugin id, naming the rule', async () => {
    const p = await project();
    const cases: Array<[string, string]> = [
      ['Warranty', 'name can no longer contain capital letters'],
      ['.hidden', 'name cannot start with a period'],
      ['my plugin', 'name can only contain URL-friendly characters'],
      ['@acme/rapport-plugin-new', "gives the plugin id 'new', which must start with a letter"],
      ['rapport-plugin-9lives', "gives the plugin id '9lives', which must start with a letter"],
    ];
    for (const [name, rule] of cases) {
      const result = await p.run(['plugin', 'new', name]);
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toContain(rule);
      expect(result.stdout, name).toBe('');
    }
    expect(existsSync(join(REPO, 'plugins/new'))).toBe(false);
  });

  it('refuses to write into a folder that is not empty, and fills an empty one', async () => {
    const p = await project();
    await mkdir(join(p.dir, 'taken'));
    await writeFile(join(p.dir, 'taken', 'notes.txt'), 'mine');
    const refused = await p.run(['plugin', 'new', 'rapport-plugin-nps', '--dir', 'taken']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `error: ${join(p.dir, 'taken')} is not empty (1 entry): a plugin is scaffolded only into a new or empty folder (PLUGIN_DIR_NOT_EMPTY)\n`,
    );
    expect(await readFile(join(p.dir, 'taken', 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(p.dir, 'taken', 'package.json'))).toBe(false);

    await mkdir(join(p.dir, 'empty'));
    expect(await p.run(['plugin', 'new', 'rapport-plugin-nps', '--dir', 'empty', '-q'])).toMatchObject({
      code: 0,
      stdout: '',
    });
    expect((await manifestOf(join(p.dir, 'empty'))).name).toBe('rapport-plugin-nps');
  });
});
