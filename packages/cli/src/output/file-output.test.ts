import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileOutput } from './file-output.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rapport-out-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('openFileOutput', () => {
  it('shows the file under its name only after commit', async () => {
    const out = openFileOutput(join(dir, 'a.csv'));
    out.stream.write('x,y\n');
    expect(await readdir(dir)).not.toContain('a.csv');
    await out.commit();
    expect(await readFile(join(dir, 'a.csv'), 'utf8')).toBe('x,y\n');
    expect(await readdir(dir)).toEqual(['a.csv']);
  });

  it('leaves nothing behind when discarded, even before the file was opened', async () => {
    for (let i = 0; i < 20; i += 1) await openFileOutput(join(dir, `b${i}.csv`)).discard();
    const out = openFileOutput(join(dir, 'c.csv'));
    out.stream.write('partial');
    await out.discard();
    expect(await readdir(dir)).toEqual(['a.csv']);
  });

  it('rejects on commit when the file cannot be written', async () => {
    const out = openFileOutput(join(dir, 'missing', 'd.csv'));
    await expect(out.commit()).rejects.toThrow(/ENOENT/);
  });
});
