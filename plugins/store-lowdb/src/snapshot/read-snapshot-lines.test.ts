import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFs } from '../fs/store-fs.js';
import { customer } from '../test-support/fixtures.js';
import { removeDir, tempDir } from '../test-support/temp-dir.js';
import { readSnapshotLines } from './read-snapshot-lines.js';
import { serializeSnapshot } from './serialize.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

async function fileOf(content: string | Buffer): Promise<string> {
  const dir = await tempDir();
  dirs.push(dir);
  const path = join(dir, 'snapshot.json');
  await writeFile(path, content);
  return path;
}
async function read(path: string) {
  const handle = await nodeFs.open(path, 'r');
  try {
    return await readSnapshotLines(handle);
  } finally {
    await handle.close();
  }
}

const collections = new Map([
  [
    'customer',
    new Map([
      ['a', customer('a', { note: 'line\nbreak, "quoted" ]' })],
      ['b', customer('b')],
    ]),
  ],
  ['empty', new Map()],
  ['odd "name"', new Map([['c', customer('c')]])],
]);
const history = [{ gen: 3, bytes: 120, records: 2, dead: { _audit: ['x'] } }];

async function serialized(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of serializeSnapshot(7, collections, history)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

describe('snapshot, one record per line', () => {
  it('is plain JSON, and reads back record by record to the same document', async () => {
    const text = await serialized();
    const whole = JSON.parse(text);
    expect(whole).toEqual({
      format: 2,
      seq: 7,
      collections: {
        customer: [...(collections.get('customer')?.values() ?? [])],
        empty: [],
        'odd "name"': [customer('c')],
      },
      history,
    });
    const path = await fileOf(text);
    expect(await read(path)).toEqual({
      bytes: Buffer.byteLength(text),
      seq: 7,
      collections: whole.collections,
      history,
    });
  });

  it('leaves an older snapshot (no line breaks) to be parsed whole', async () => {
    expect(await read(await fileOf('{"format":1,"seq":1,"collections":{"customer":[]}}\n'))).toBeUndefined();
  });

  it.each([
    ['cut short', (text: string) => text.slice(0, text.length - 30), 'ends before its last line'],
    ['a broken record', (text: string) => text.replace(',{"id":"b"', ',{"id":b"'), 'not JSON'],
    [
      'a stray line',
      (text: string) => text.replace(']\n,"empty"', ']\nhello\n,"empty"'),
      'neither a collection',
    ],
    ['text after the end', (text: string) => `${text}{}\n`, 'after the end'],
  ])('says where it is damaged: %s', async (_label, damage, reason) => {
    const path = await fileOf(damage(await serialized()));
    await expect(read(path)).rejects.toThrow(reason);
  });
});
