import { join } from 'node:path';
import { createKernel, SYSTEM_ACTOR } from '@rapport/core';
import { apiKeys } from '@rapport/server';
import { lowdbStore } from '@rapport/store-lowdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStoreSpec, importStorePackage, parseStoreSpec } from '../stores/store-spec.js';
import { createProject, memoryConfig, type TestProject } from '../test-support/cli-harness.js';
import { crm } from '../test-support/crm-plugin.js';

let p: TestProject;
beforeAll(async () => {
  p = await createProject(memoryConfig('migrate-source'));
  await p.write(
    'deals.jsonl',
    Array.from({ length: 7 }, (_, i) =>
      JSON.stringify({ title: `D${i}`, team: i % 2 ? 'north' : 'south' }),
    ).join('\n'),
  );
  await p.write('notes.json', JSON.stringify([{ text: 'a' }, { text: 'b' }]));
  expect((await p.run(['import', 'deal', 'deals.jsonl'])).code).toBe(0);
  expect((await p.run(['import', 'note', 'notes.json'])).code).toBe(0);
  expect((await p.run(['keys', 'create', '-n', 'ops', '-r', 'admin'])).code).toBe(0);
});
afterAll(() => p.remove());

describe('rapport migrate', () => {
  it('copies every collection of the config store and prints a count per collection', async () => {
    const result = await p.run(['migrate', '--to', 'memory', '--batch-size', '3']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^collection\s+source\s+target\s+check$/);
    expect(lines.find((l) => l.startsWith('deal '))).toMatch(/^deal\s+7\s+7\s+ok$/);
    expect(lines.find((l) => l.startsWith('note '))).toMatch(/^note\s+2\s+2\s+ok$/);
    expect(lines.find((l) => l.startsWith('apiKey '))).toMatch(/^apiKey\s+1\s+1\s+ok$/);
    expect(lines.find((l) => l.startsWith('_audit '))).toMatch(/^_audit\s+10\s+10\s+ok$/);
    expect(result.stdout).toMatch(/copied \d+ record\(s\) from config to memory in \d+ ms/);
  });

  it('copies into a lowdb folder that a kernel then reads back, and refuses a non-empty target', async () => {
    const dir = join(p.dir, 'lowdb-data');
    const result = await p.run(['migrate', '--from', 'config', '--to', 'lowdb:lowdb-data', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      from: string;
      to: string;
      collections: Array<{ name: string; target: number }>;
    };
    expect(report).toMatchObject({ from: 'config', to: 'lowdb:lowdb-data' });
    expect(report.collections.find((c) => c.name === 'deal')?.target).toBe(7);

    const kernel = await createKernel({
      store: lowdbStore({ dir }),
      plugins: [apiKeys(), crm()],
      logger: { level: 'silent' },
    });
    await kernel.start();
    try {
      expect(await kernel.data('deal', { actor: SYSTEM_ACTOR }).count({ team: 'north' })).toBe(3);
      expect(await kernel.data('apiKey', { actor: SYSTEM_ACTOR }).count()).toBe(1);
    } finally {
      await kernel.stop();
    }

    const again = await p.run(['migrate', '--to', 'lowdb:lowdb-data']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^error: target store already holds \d+ .* record\(s\); migrate into an empty store \(INVALID\)\n$/,
    );

    const back = await p.run(['migrate', '--from', 'lowdb:lowdb-data', '--to', 'memory', '--json']);
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout).collections.find((c: { name: string }) => c.name === 'note')).toEqual({
      name: 'note',
      source: 2,
      target: 2,
    });
  });

  it('refuses unknown store specs and the same store on both sides (exit 2)', async () => {
    expect(await p.run(['migrate', '--to', 'mongo:x'])).toMatchObject({
      code: 2,
      stderr: 'error: unknown store "mongo:x": use config, memory, lowdb:<dir>, postgres:<url>\n',
    });
    expect((await p.run(['migrate', '--to', 'config'])).code).toBe(2);
    expect((await p.run(['migrate'])).code).toBe(2);
  });
});

describe('store specs', () => {
  it('names the package to install when a store package is missing', async () => {
    await expect(importStorePackage('@rapport/store-nowhere', p.dir)).rejects.toThrow(
      'this store needs the package @rapport/store-nowhere: run `pnpm add @rapport/store-nowhere` (or npm install @rapport/store-nowhere) in the deployment',
    );
  });

  it('masks passwords when it names a store', () => {
    expect(describeStoreSpec(parseStoreSpec('postgres://crm:secret@db:5432/crm'))).toBe(
      'postgres:postgres://crm:***@db:5432/crm',
    );
  });

  it('reads every form', () => {
    expect(parseStoreSpec('lowdb:./data')).toEqual({ kind: 'lowdb', dir: './data' });
    expect(parseStoreSpec('postgres:postgres://h/db')).toEqual({ kind: 'postgres', url: 'postgres://h/db' });
    expect(parseStoreSpec('postgresql://h/db')).toEqual({ kind: 'postgres', url: 'postgresql://h/db' });
    expect(parseStoreSpec('memory')).toEqual({ kind: 'memory' });
  });
});
