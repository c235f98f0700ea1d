import * as fsp from 'node:fs/promises';

/** The calls the store makes on an open file (a subset of node's `FileHandle`). */
export interface StoreFileHandle {
  /** `pread(2)`: reads up to `length` bytes at file position `position` into `buffer` at `offset`. */
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }>;
  /** `fdatasync(2)`: the data and the size, not the timestamps. */
  datasync(): Promise<void>;
  /** `fsync(2)`; also how a directory entry is made durable. */
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Every file-system call the store makes, so tests can inject faults (see the I/O fault tests).
 * The default, {@link nodeFs}, is `node:fs/promises`.
 */
export interface StoreFs {
  mkdir(path: string): Promise<void>;
  /** `flags` as node takes them: `r`, `a`, `wx`, `r+`. */
  open(path: string, flags: string): Promise<StoreFileHandle>;
  readFile(path: string): Promise<Buffer>;
  readdir(path: string): Promise<string[]>;
  rename(from: string, to: string): Promise<void>;
  /** A hard link; fails with `EEXIST` if `to` exists (how the lock is created atomically). */
  link(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

/** {@link StoreFs} on `node:fs/promises`. */
export const nodeFs: StoreFs = {
  mkdir: async (path) => {
    await fsp.mkdir(path, { recursive: true });
  },
  open: (path, flags) => fsp.open(path, flags),
  readFile: (path) => fsp.readFile(path),
  readdir: (path) => fsp.readdir(path),
  rename: (from, to) => fsp.rename(from, to),
  link: (from, to) => fsp.link(from, to),
  unlink: (path) => fsp.unlink(path),
};
