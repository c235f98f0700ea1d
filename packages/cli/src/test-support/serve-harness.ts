import { runCli } from '../cli.js';
import { capture, type RunResult, type TestProject } from './cli-harness.js';

/** `rapport serve` running in-process. */
export interface InProcessServer {
  url: string;
  /** What serve printed so far. */
  stdout(): string;
  /** Stops it like SIGTERM would, and resolves with how it exited. */
  stop(): Promise<RunResult>;
}

/** Starts `rapport serve --port 0` in the project and waits for its "listening" line. */
export async function serveInProcess(
  project: TestProject,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<InProcessServer> {
  const stdout = capture();
  const stderr = capture();
  const controller = new AbortController();
  const exited = runCli(['serve', '--port', '0', ...args], {
    cwd: project.dir,
    stdout,
    stderr,
    env: { RAPPORT_LOG_LEVEL: 'silent', ...env },
    signal: controller.signal,
  });
  let done: number | undefined;
  void exited.then((code) => {
    done = code;
  });
  for (let i = 0; i < 400; i += 1) {
    const match = /Rapport listening on (\S+)/.exec(stdout.text());
    if (match?.[1]) {
      const url = match[1];
      return {
        url,
        stdout: () => stdout.text(),
        async stop() {
          controller.abort();
          const code = await exited;
          return { code, stdout: stdout.text(), stderr: stderr.text() };
        },
      };
    }
    if (done !== undefined) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  controller.abort();
  const code = await exited;
  throw new Error(`serve did not start (exit ${code}): ${stderr.text()} ${stdout.text()}`);
}
