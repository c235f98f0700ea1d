import { errorCode, isNotFound } from '../util/store-errors.js';
import type { StoreFileHandle, StoreFs } from './store-fs.js';

/** Writes all of `buffer`, looping over short writes. */
export async function writeAll(handle: StoreFileHandle, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
    if (bytesWritten <= 0) throw new Error(`write made no progress (${offset} of ${buffer.length} bytes)`);
    offset += bytesWritten;
  }
}

/**
 * Reads exactly `length` bytes at `position`, looping over short reads; a file that ends first
 * is an error (a record the store placed there is missing).
 */
export async function readExactly(
  handle: StoreFileHandle,
  length: number,
  position: number,
): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead <= 0)
      throw new Error(`the file ends ${length - done} bytes short of a record at ${position}`);
    done += bytesRead;
  }
  return buffer;
}

/** Errors with which platforms and file systems say "directories cannot be fsynced" (not I/O errors). */
const DIR_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'EBADF', 'EPERM', 'ENOTSUP']);

/**
 * Makes the entries of a directory (created, renamed, removed files) durable: `fsync` on the
 * directory. Skipped on Windows, where a directory cannot be opened and NTFS journals its
 * metadata; a file system that refuses to sync directories (rather than failing to) is tolerated.
 */
export async function syncDir(fs: StoreFs, dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    if (!DIR_SYNC_UNSUPPORTED.has(errorCode(error) ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

/** Creates a new file holding `data`, synced to disk; `EEXIST` if it exists. */
export async function writeNewFile(fs: StoreFs, path: string, data: Buffer): Promise<void> {
  const handle = await fs.open(path, 'wx');
  try {
    await writeAll(handle, data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes a file; a missing file is not an error. */
export async function removeIfPresent(fs: StoreFs, path: string): Promise<void> {
  try {
    await fs.unlink(path);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** Closes a handle, swallowing the error (for clean-up paths where an earlier error matters more). */
export async function closeQuietly(handle: StoreFileHandle | undefined): Promise<void> {
  await handle?.close().catch(() => undefined);
}
