/** A stream the CLI writes to: `process.stdout`, `process.stderr`, or a test double. */
export interface OutputStream {
  write(chunk: string): boolean;
  /** Set on terminals; progress bars and colours only appear on a TTY. */
  isTTY?: boolean;
  /** Terminal width, when known. */
  columns?: number;
  once?(event: string, listener: (...args: unknown[]) => void): unknown;
  off?(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * Everything a command touches outside itself, so {@link runCli} runs in-process in tests:
 * where output goes, which environment it reads, which directory is current, and a signal that
 * stops a running `serve` like SIGTERM does.
 */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborting it stops `rapport serve` gracefully (SIGINT and SIGTERM do too). */
  signal?: AbortSignal;
  /** Where `--password-stdin` reads from (default `process.stdin`). */
  stdin?: AsyncIterable<string | Uint8Array>;
}

/**
 * The first line of `input` (a password piped in: `printf %s "$PW" | rapport users add ...`),
 * without its line ending; what follows the first line is not read.
 */
export async function readFirstLine(input: AsyncIterable<string | Uint8Array>): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text.includes('\n') || text.length > 4_096) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** Writes `chunk`, waiting for the stream to drain when its buffer is full (exports stay memory-flat). */
export async function writeChunk(stream: OutputStream, chunk: string): Promise<void> {
  if (stream.write(chunk) || !stream.once) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: unknown) => {
      stream.off?.('drain', done);
      stream.off?.('error', done);
      stream.off?.('close', done);
      if (error instanceof Error) reject(error);
      else resolve();
    };
    stream.once?.('drain', done);
    stream.once?.('error', done);
    stream.once?.('close', done);
  });
}

/** Writes one line to the stream. */
export function writeLine(stream: OutputStream, line = ''): void {
  stream.write(`${line}\n`);
}
