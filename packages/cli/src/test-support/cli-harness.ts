import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { runCli } from '../cli.js';
import type { CliIo, OutputStream } from '../io.js';

/** The package root (`packages/cli`): test projects live under its git-ignored `.tmp/`. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Absolute path of a test-support module, for `import` lines in generated config files. */
export const supportModule = (name: string): string => fileURLToPath(new URL(`./${name}`, import.meta.url));

/** A stream that keeps what is written to it. */
export interface Capture extends OutputStream {
  text(): string;
}

/** Makes a capturing stream (`isTTY` to exercise progress bars). */
export function capture(isTTY = false): Capture {
  let text = '';
  return {
    isTTY,
    write(chunk: string) {
      text += chunk;
      return true;
    },
    text: () => text,
  };
}

/** What a command printed and how it exited. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `rapport <argv>` in-process in `cwd`, with a silent kernel log unless `env` says otherwise. */
export async function run(argv: string[], options: Partial<CliIo> & { cwd: string }): Promise<RunResult> {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(argv, {
    stdout,
    stderr,
    ...options,
    env: { RAPPORT_LOG_LEVEL: 'silent', ...(options.env ?? {}) },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** A throw-away deployment folder under `packages/cli/.tmp/` (so its imports resolve). */
export interface TestProject {
  dir: string;
  /** Writes a file in the project; returns its absolute path. */
  write(name: string, text: string): Promise<string>;
  run(argv: string[], options?: Partial<CliIo>): Promise<RunResult>;
  remove(): Promise<void>;
}

/** Creates a project whose `rapport.config.ts` is `config`. */
export async function createProject(config?: string): Promise<TestProject> {
  const dir = join(PACKAGE_ROOT, '.tmp', randomUUID());
  await mkdir(dir, { recursive: true });
  const project: TestProject = {
    dir,
    async write(name, text) {
      const path = join(dir, name);
      await writeFile(path, text);
      return path;
    },
    run: (argv, options = {}) => run(argv, { ...options, cwd: dir }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  if (config !== undefined) await project.write('rapport.config.ts', config);
  return project;
}

/**
 * The source of a config on a named, shared memory volume with the test plugin, so commands run
 * one after the other see the same data. `extra` is spliced into the config object.
 */
export function memoryConfig(volume: string, extra = ''): string {
  return `import { memoryStore } from '@rapport/core';
import { crm } from '${supportModule('crm-plugin.ts')}';
import { testVolume } from '${supportModule('volumes.ts')}';

export const config = {
  store: () => memoryStore({ volume: testVolume(${JSON.stringify(volume)}) }),
  plugins: [crm()],
  ${extra}
};
`;
}

/** A TCP port nothing listens on (it was free a moment ago). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `createProject` for one test file: every project it makes is removed once the file's tests are
 * done.
 */
export function projectsRemovedAfterAll(): (config?: string) => Promise<TestProject> {
  const projects: TestProject[] = [];
  afterAll(() => Promise.all(projects.map((p) => p.remove())));
  return async (config) => {
    const p = await createProject(config);
    projects.push(p);
    return p;
  };
}
