import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreError } from '@rapport/core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lowdbStore } from './lowdb-store.js';
import { assertBuilt, spawnChild } from './test-support/child-process.js';
import { memoryLogger } from './test-support/memory-logger.js';
import { removeDir, tempDir } from './test-support/temp-dir.js';

const schema = {
  collections: [{ name: 'item', schema: { type: 'object' as const, properties: {} }, indexes: [] }],
};

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('close', resolve));
  return child.pid as number;
}

describe('one process per data folder', () => {
  let dir: string;
  beforeAll(() => assertBuilt());
  afterEach(async () => {
    await removeDir(dir);
  });

  it('refuses a second process with a clear error, and lets it in once the first closed', async () => {
    dir = await tempDir('rapport-lowdb-lock-');
    const first = spawnChild('lock-holder.mjs', [dir]);
    await first.waitFor(/^open$/);

    const second = spawnChild('lock-holder.mjs', [dir]);
    const refusal = await second.waitFor(/^error /);
    expect(refusal).toContain('error UNAVAILABLE');
    expect(refusal).toContain(`is in use by process ${first.process.pid}`);
    await second.exited;

    const here = lowdbStore({ dir, logger: memoryLogger() });
    const error = await here.open(schema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', details: { pid: first.process.pid } });

    first.process.stdin?.write('close\n');
    await first.waitFor(/^closed$/);
    await first.exited;
    const third = spawnChild('lock-holder.mjs', [dir]);
    await third.waitFor(/^open$/);
    third.process.stdin?.write('close\n');
    await third.waitFor(/^closed$/);
  });

  it('refuses a second store instance in the same process', async () => {
    dir = await tempDir('rapport-lowdb-lock-');
    const one = lowdbStore({ dir, logger: memoryLogger() });
    await one.open(schema);
    const two = lowdbStore({ dir, logger: memoryLogger() });
    await expect(two.open(schema)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('already open in this process'),
    });
    await one.close();
    await two.open(schema);
    await two.close();
  });

  it('takes over the lock of a process that died, and logs it', async () => {
    dir = await tempDir('rapport-lowdb-lock-');
    const pid = await deadPid();
    await writeFile(
      join(dir, 'LOCK'),
      `${JSON.stringify({ pid, hostname: hostname(), since: 'yesterday' })}\n`,
    );
    const logger = memoryLogger();
    const store = lowdbStore({ dir, logger });
    await store.open(schema);
    expect(JSON.parse(await readFile(join(dir, 'LOCK'), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        details: expect.objectContaining({ previousOwner: expect.objectContaining({ pid }) }),
      }),
    );
    await store.close();
    await expect(readFile(join(dir, 'LOCK'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('does not take over a lock held on another host', async () => {
    dir = await tempDir('rapport-lowdb-lock-');
    await writeFile(
      join(dir, 'LOCK'),
      `${JSON.stringify({ pid: 1, hostname: 'elsewhere', since: 'now' })}\n`,
    );
    await expect(lowdbStore({ dir, logger: memoryLogger() }).open(schema)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('in use by process 1 on elsewhere'),
    });
  });
});
