import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { docCodeBlocks } from '@rapport/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../test-support/cli-harness.js';

const exec = promisify(execFile);
const REPO = resolve(PACKAGE_ROOT, '../..');
const GUIDE = join(REPO, 'docs/plugin-authoring.md');
const copies: string[] = [];
afterAll(() => Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true }))));

/**
 * A copy of the repository as git sees it (tracked and untracked, not ignored files) plus every
 * package's built `dist/`, outside the checkout, so the guide's `pnpm install` changes the copy only.
 */
async function copyOfRepository(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-docs-'));
  copies.push(dir);
  const { stdout } = await exec('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: REPO,
    maxBuffer: 64 * 1024 * 1024,
  });
  const files = stdout.split('\0').filter((file) => file !== '' && existsSync(join(REPO, file)));
  for (const file of files) await cp(join(REPO, file), join(dir, file));
  for (const group of ['packages', 'plugins', 'examples']) {
    for (const name of await readdir(join(REPO, group))) {
      const dist = join(REPO, group, name, 'dist');
      if (existsSync(dist)) await cp(dist, join(dir, group, name, 'dist'), { recursive: true });
    }
  }
  return dir;
}

/**
 * The environment of a command run by the guide's test: a developer's (no vitest variables, and
 * no `CI`, under which pnpm refuses to update the lockfile as a new package needs), with pnpm
 * preferring its store and metadata cache (it asks the registry only for what they lack).
 */
function guideEnv(): Record<string, string | undefined> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('VITEST') && !['FORCE_COLOR', 'CI'].includes(name),
    ),
  );
  return { ...env, NO_COLOR: '1', npm_config_prefer_offline: 'true' };
}

describe('docs/plugin-authoring.md, "Scaffold a plugin"', () => {
  it('runs as written in a copy of the repository: the scaffold installs, passes its tests and typechecks', async () => {
    const blocks = await docCodeBlocks(GUIDE, { section: 'Scaffold a plugin' });
    expect(blocks.map((block) => block.lang)).toEqual(['sh']);
    const copy = await copyOfRepository();
    const env = guideEnv();
    await exec('pnpm', ['install'], { cwd: copy, env }); // the checkout as the guide assumes it: installed, built
    for (const block of blocks) {
      const run = await exec('sh', ['-euc', block.text], {
        cwd: copy,
        env,
        maxBuffer: 16 * 1024 * 1024,
      }).catch((error: { stdout?: string; stderr?: string }) => {
        throw new Error(`block at line ${block.line} failed:\n${error.stdout}\n${error.stderr}`);
      });
      expect(run.stdout).toMatch(/Tests\s+7 passed \(7\)/);
    }
    expect(existsSync(join(copy, 'plugins/rapport-plugin-warranty/src/index.ts'))).toBe(true);
    expect(existsSync(join(copy, 'plugins/rapport-plugin-warranty/node_modules/@rapport/core'))).toBe(true);
  }, 120_000);
});
