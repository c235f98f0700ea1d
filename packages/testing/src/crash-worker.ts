import { spawn } from 'node:child_process';

/** What {@link runCrashWorker} answers: whether the test killed the worker. */
export interface CrashWorkerRun {
  killed: boolean;
}

/**
 * Runs a worker script for a crash test (`node <args>`, for instance jiti's CLI and a TypeScript
 * worker), hands each line it prints to `onLine`, and SIGKILLs it when `onLine` answers `true`.
 * Resolves when the worker exits — killed, or with code 0; rejects with the end of its stderr
 * otherwise. The messaging and campaigns crash tests kill their workers this way.
 *
 * @example
 * ```ts
 * const run = await runCrashWorker([JITI, WORKER, dir], (line) => line === 'QUEUED 100');
 * ```
 */
export function runCrashWorker(
  args: readonly string[],
  onLine: (line: string) => boolean | undefined,
  env: Record<string, string> = { JITI_FS_CACHE: 'false' },
): Promise<CrashWorkerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    const run: CrashWorkerRun = { killed: false };
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        // every line is read, even after the kill: a chunk may hold lines printed before it
        if (onLine(line) === true && !run.killed) {
          run.killed = true;
          child.kill('SIGKILL');
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve(run);
      else reject(new Error(`the worker exited with ${code ?? signal}: ${stderr.slice(-2_000)}`));
    });
  });
}
