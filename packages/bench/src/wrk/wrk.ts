import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWrk, type WrkResult } from './parse.js';
import { type WrkScriptOptions, wrkScript } from './script.js';

function has(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes sure Debian's `wrk` is installed, installing it with apt-get when it is missing (as root,
 * or through sudo), the way `.ci/postgres` installs PostgreSQL.
 */
export function ensureWrk(): void {
  if (has('wrk')) return;
  const root = process.getuid?.() === 0;
  const prefix = root ? [] : ['sudo', '-n'];
  console.error('bench: wrk is missing; installing it with apt-get');
  const run = (args: string[]) => {
    const [command, ...rest] = [...prefix, ...args] as [string, ...string[]];
    execFileSync(command, rest, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  };
  run(['apt-get', 'install', '-y', '--no-install-recommends', 'wrk']);
  if (!has('wrk')) throw new Error('bench: could not install wrk (apt-get install wrk)');
}

/** The cores the harness pins to: the server on one, wrk on the other (`taskset`). */
export const CORES = { server: '0', client: '1' } as const;

/** Whether `taskset` exists and the machine has at least two cores to split. */
export function canPin(cores: number): boolean {
  return cores >= 2 && has('taskset');
}

/** A command prefixed with `taskset -c <core>` when pinning is on. */
export function pinned(core: string, command: string, args: string[], pin: boolean): [string, string[]] {
  return pin ? ['taskset', ['-c', core, command, ...args]] : [command, args];
}

export interface WrkLoad extends WrkScriptOptions {
  url: string;
  seconds: number;
  connections: number;
  pin: boolean;
}

/**
 * Runs one wrk load (one thread, on the client core) and returns its figures, with wrk's own
 * CPU use measured by the shell's `times`.
 */
export async function runWrk(load: WrkLoad): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-wrk-'));
  const script = join(dir, 'load.lua');
  writeFileSync(script, wrkScript(load));
  const wrkArgs = [
    '-t1',
    `-c${load.connections}`,
    `-d${load.seconds}s`,
    '--timeout',
    '10s',
    '-s',
    script,
    load.url,
  ];
  const [command, args] = pinned(
    CORES.client,
    'bash',
    ['-c', 'wrk "$@"; status=$?; times; exit $status', 'wrk', ...wrkArgs],
    load.pin,
  );
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
      });
      child.stderr.on('data', (chunk) => {
        out += chunk;
      });
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve(out) : reject(new Error(`wrk exited ${code}:\n${out}`)),
      );
    });
    return parseWrk(output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
