import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built package the child scripts import (`pnpm test` builds it first). */
export const BUILT_ENTRY = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** Fails with a clear message when the package was not built. */
export function assertBuilt(): void {
  if (!existsSync(BUILT_ENTRY)) {
    throw new Error(
      `${BUILT_ENTRY} is missing: the child-process tests run the built store; run \`pnpm build\` first`,
    );
  }
}

/** A child `node` process running a script of test-support, with its stdout split into lines. */
export interface Child {
  process: ChildProcess;
  /** Complete lines printed so far. */
  lines: string[];
  /** Resolves with the first line matching `pattern` (or rejects if the child exits first). */
  waitFor(pattern: RegExp): Promise<string>;
  /** Resolves once the process exited and its output is read. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Spawns `node <script> ...args`, `script` relative to test-support. */
export function spawnChild(script: string, args: string[]): Child {
  const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const child = spawn(process.execPath, [path, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve(line: string): void }[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    const parts = (partial + text).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const watcher of watchers.splice(0)) {
        if (watcher.pattern.test(line)) watcher.resolve(line);
        else watchers.push(watcher);
      }
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr += text;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => {
      child.on('close', (code, signal) => resolve({ code, signal, stderr }));
    },
  );
  return {
    process: child,
    lines,
    exited,
    waitFor(pattern) {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return Promise.race([
        new Promise<string>((resolve) => watchers.push({ pattern, resolve })),
        exited.then(({ code, stderr: err }) => {
          throw new Error(`child exited (code ${code}) before printing ${pattern}: ${err}`);
        }),
      ]);
    },
  };
}
