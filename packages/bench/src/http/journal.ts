import { closeSync, fdatasync, openSync, write } from 'node:fs';
import { promisify } from 'node:util';

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);

/**
 * An append-only file with group commit: appends wait while one write + `fdatasync` is in
 * flight, then go to disk together in the next one. The durable POST baseline's only work.
 */
export function groupCommitJournal(path: string): { append(line: string): Promise<void>; close(): void } {
  const fd = openSync(path, 'a');
  let pending: { line: string; done: () => void; fail: (error: unknown) => void }[] = [];
  let flushing = false;
  const flush = async (): Promise<void> => {
    flushing = true;
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        await writeAsync(fd, batch.map((entry) => entry.line).join(''));
        await fdatasyncAsync(fd);
        for (const entry of batch) entry.done();
      } catch (error) {
        for (const entry of batch) entry.fail(error);
      }
    }
    flushing = false;
  };
  return {
    append(line) {
      return new Promise<void>((done, fail) => {
        pending.push({ line: `${line}\n`, done, fail });
        if (!flushing) void flush();
      });
    },
    close() {
      closeSync(fd);
    },
  };
}
