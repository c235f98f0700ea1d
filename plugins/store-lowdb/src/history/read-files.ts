import { StoreError } from '@rapport/core';
import { closeQuietly, readExactly } from '../fs/fs-helpers.js';
import type { StoreFileHandle, StoreFs } from '../fs/store-fs.js';

interface OpenFile {
  path: string;
  handle: StoreFileHandle;
  /** Reads in flight (and scans holding the file). */
  holders: number;
  retired: boolean;
}

/**
 * The read handles of the files history records are read from (journals and segments), by file
 * number. A file is held while a read or a scan uses it; a retired file (its records moved to a
 * newer one) is closed once nobody holds it, so a read that found a location never sees the file
 * closed under it.
 */
export class ReadFiles {
  readonly #fs: StoreFs;
  readonly #files = new Map<number, OpenFile>();

  constructor(fs: StoreFs) {
    this.#fs = fs;
  }

  /** Opens `path` for reading as file number `id` (a no-op if it is open). */
  async open(id: number, path: string): Promise<void> {
    if (this.#files.has(id)) return;
    const handle = await this.#fs.open(path, 'r');
    if (this.#files.has(id)) {
      await closeQuietly(handle);
      return;
    }
    this.#files.set(id, { path, handle, holders: 0, retired: false });
  }

  has(id: number): boolean {
    return this.#files.has(id);
  }

  /** Holds file `id` open until {@link release}; synchronous, so it can be taken with a location. */
  hold(id: number): void {
    const file = this.#files.get(id);
    if (!file || file.retired) {
      throw new StoreError(
        'UNAVAILABLE',
        `the lowdb store has no open file number ${id} to read a history record from`,
        { details: { file: id } },
      );
    }
    file.holders += 1;
  }

  release(id: number): void {
    const file = this.#files.get(id);
    if (!file) return;
    file.holders -= 1;
    if (file.retired && file.holders <= 0) this.#close(id, file);
  }

  /** Reads `length` bytes at `offset` of file `id`, which the caller holds. */
  async readHeld(id: number, offset: number, length: number): Promise<Buffer> {
    const file = this.#files.get(id) as OpenFile;
    try {
      return await readExactly(file.handle, length, offset);
    } catch (error) {
      throw new StoreError(
        'UNAVAILABLE',
        `reading a history record from ${file.path} (byte ${offset}, ${length} bytes) failed`,
        { cause: error, details: { path: file.path, offset, length } },
      );
    }
  }

  /** Closes file `id` once nobody holds it; new reads of it are refused from now on. */
  retire(id: number): void {
    const file = this.#files.get(id);
    if (!file || file.retired) return;
    file.retired = true;
    if (file.holders <= 0) this.#close(id, file);
  }

  #close(id: number, file: OpenFile): void {
    this.#files.delete(id);
    void closeQuietly(file.handle);
  }

  /** Retires every open file whose number passes `test`. */
  retireIf(test: (id: number) => boolean): void {
    for (const id of [...this.#files.keys()]) if (test(id)) this.retire(id);
  }

  /** Closes every file (the store is closing: no read is in flight). */
  async closeAll(): Promise<void> {
    const files = [...this.#files.values()];
    this.#files.clear();
    await Promise.all(files.map((file) => closeQuietly(file.handle)));
  }
}
