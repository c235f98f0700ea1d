import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { OutputStream } from '../io.js';

/** A file being written: it appears under its name only when `commit()` succeeds. */
export interface FileOutput {
  stream: OutputStream;
  /** Flushes, closes and renames the temporary file into place. */
  commit(): Promise<void>;
  /** Closes and deletes the temporary file (after a failure: no half-written export is left). */
  discard(): Promise<void>;
}

/** Opens `path` for an atomic write: data goes to a temporary file beside it, renamed on commit. */
export function openFileOutput(path: string): FileOutput {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const stream = createWriteStream(temporary);
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure = error;
  });
  // The file is opened asynchronously: a discard must wait for the open to settle, or a late
  // open could create the temporary file after it was removed.
  const opened = new Promise<void>((resolve) => {
    stream.once('ready', () => resolve());
    stream.once('error', () => resolve());
  });
  // 'close' comes once the descriptor is released, after end() or destroy() alike.
  const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
  return {
    stream,
    async commit() {
      stream.end();
      await closed;
      if (failure) throw failure;
      await rename(temporary, path);
    },
    async discard() {
      await opened;
      stream.destroy();
      await closed;
      await rm(temporary, { force: true });
    },
  };
}
