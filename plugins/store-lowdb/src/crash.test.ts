import { readFileSync } from 'node:fs';
import { cp, readdir, rm, writeFile } from 'node:fs/promises';
import type { StoredRecord, StoreSchema } from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lowdbStore } from './lowdb-store.js';
import { assertBuilt, spawnChild } from './test-support/child-process.js';
import { memoryLogger } from './test-support/memory-logger.js';
import { removeDir, tempDir } from './test-support/temp-dir.js';

const schema = JSON.parse(
  readFileSync(new URL('./test-support/crash-schema.json', import.meta.url), 'utf8'),
) as StoreSchema;
const KILLS = 100;
/** How node reports a module that was being rewritten while it loaded it. */
const MODULE_LOAD_ERROR = /SyntaxError|ERR_MODULE_NOT_FOUND|does not provide an export named/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

/** Everything the children acknowledged, across every run on the folder. */
class Acknowledged {
  readonly present = new Set<string>();
  readonly deleted = new Set<string>();
  readonly versions = new Map<string, number>();
  readonly groups = new Map<string, number>();
  count = 0;

  read(lines: string[]): void {
    for (const line of lines) {
      const [kind, id, value] = line.split(' ') as [string, string, string | undefined];
      if (kind === 'C') this.present.add(id);
      else if (kind === 'G') this.groups.set(id, Number(value));
      else if (kind === 'U') this.versions.set(id, Math.max(Number(value), this.versions.get(id) ?? 0));
      else if (kind === 'd') {
        this.present.delete(id); // a delete in flight may be durable without being acknowledged
        this.versions.delete(id);
        continue;
      } else if (kind === 'D') {
        this.present.delete(id);
        this.versions.delete(id);
        this.deleted.add(id);
      } else continue;
      this.count += 1;
    }
  }
}

/** Reopens the folder and checks every acknowledged write, and that every transaction is whole. */
async function verify(dir: string, acked: Acknowledged, context: string): Promise<{ torn: boolean }> {
  const logger = memoryLogger();
  const store = lowdbStore({ dir, logger });
  await store.open(schema);
  try {
    await store.transaction(async (tx) => {
      for (const id of acked.present)
        expect(await tx.get('item', id), `${context}: created ${id}`).toBeDefined();
      for (const id of acked.deleted)
        expect(await tx.get('item', id), `${context}: deleted ${id}`).toBeUndefined();
      for (const [id, version] of acked.versions) {
        expect((await tx.get('item', id))?.version, `${context}: updated ${id}`).toBeGreaterThanOrEqual(
          version,
        );
      }
      const grouped = await tx.find('item', {
        where: { kind: 'cmp', field: 'group', op: 'exists', value: true },
        sort: [{ field: 'id', direction: 'asc' }],
        limit: Number.MAX_SAFE_INTEGER,
      });
      const byGroup = new Map<string, StoredRecord[]>();
      for (const item of grouped)
        byGroup.set(item.group as string, [...(byGroup.get(item.group as string) ?? []), item]);
      for (const [group, size] of acked.groups)
        expect(byGroup.get(group)?.length, `${context}: group ${group}`).toBe(size);
      const groupsPerWriter = new Map<number, number>();
      for (const [group, items] of byGroup) {
        const first = items[0] as StoredRecord;
        expect(items.length, `${context}: group ${group} is whole`).toBe(first.groupSize);
        groupsPerWriter.set(first.w as number, (groupsPerWriter.get(first.w as number) ?? 0) + 1);
      }
      // Events (a history collection, on disk): one per single record, same version, found by its indexes.
      const events = await tx.find('event', {
        sort: [{ field: 'id', direction: 'asc' }],
        limit: Number.MAX_SAFE_INTEGER,
      });
      for (const event of events) {
        const item = await tx.get('item', event.itemId as string);
        expect(item?.version, `${context}: event ${event.id} and its item are written together`).toBe(
          event.version,
        );
      }
      for (const id of acked.present) {
        const [event] = await tx.find('event', {
          where: { kind: 'cmp', field: 'ref', op: 'eq', value: `ref-${id}` },
          sort: [{ field: 'id', direction: 'asc' }],
          limit: 2,
        });
        expect(event?.id, `${context}: event of ${id} by its unique index`).toBe(`ev-${id}`);
        expect(await tx.count('event', { kind: 'cmp', field: 'itemId', op: 'eq', value: id })).toBe(1);
      }
      for (const id of acked.deleted)
        expect(await tx.get('event', `ev-${id}`), `${context}: event of deleted ${id}`).toBeUndefined();
      for (let w = 0; w < 8; w += 1) {
        const tally = await tx.get('tally', `tally-${w}`);
        expect(tally?.groups ?? 0, `${context}: tally of writer ${w}`).toBe(groupsPerWriter.get(w) ?? 0);
      }
    });
  } finally {
    await store.close();
  }
  return { torn: logger.lines.some((line) => line.message.includes('torn record')) };
}

/** Kills a writer on `dir` again and again, checking the folder after each kill. */
async function killLoop(dir: string, lane: number, kills: number) {
  const acked = new Acknowledged();
  let tornTails = 0;
  let killedBeforeReady = 0;
  let midCompaction = 0;
  let reloads = 0;
  for (let run = 0; run < kills; run += 1) {
    // Few or no history records stay in memory: events are read back from journals and segments.
    const historyInMemory = String(between(0, 3) === 0 ? 50 : 0);
    const child = spawnChild('crash-writer.mjs', [
      dir,
      `l${lane}r${run}`,
      String(between(20, 120)),
      historyInMemory,
    ]);
    if (run % 5 === 4) {
      await sleep(between(20, 600)); // may land during start-up, the lock take-over, replay or the torn-tail cut
    } else {
      await child.waitFor(/^ready$/).catch(() => undefined); // an early exit is reported below
      await sleep(between(20, 200));
    }
    if (!child.lines.includes('ready')) killedBeforeReady += 1;
    child.process.kill('SIGKILL');
    const { signal, stderr } = await child.exited;
    if (
      signal !== 'SIGKILL' &&
      !child.lines.includes('ready') &&
      MODULE_LOAD_ERROR.test(stderr) &&
      reloads < 5
    ) {
      // Another build in this checkout rewrote dist/ while the child was importing it: not the store's doing.
      reloads += 1;
      run -= 1;
      continue;
    }
    expect(signal, `lane ${lane} run ${run} ended by itself: ${stderr}`).toBe('SIGKILL');
    acked.read(child.lines);
    const left = await readdir(dir);
    if (left.includes('snapshot.json.tmp') || left.filter((name) => name.startsWith('journal-')).length > 1) {
      midCompaction += 1;
    }
    const evidence = `${dir}-evidence`;
    if (process.env.CRASH_EVIDENCE) {
      await rm(evidence, { recursive: true, force: true });
      await cp(dir, evidence, { recursive: true });
      await writeFile(`${evidence}/child-output.txt`, child.lines.join('\n'));
    }
    const { torn } = await verify(
      dir,
      acked,
      `lane ${lane}, after kill ${run + 1} (files: ${left.join(' ')})`,
    );
    if (torn) tornTails += 1;
  }
  return { acked, tornTails, killedBeforeReady, midCompaction, files: await readdir(dir) };
}

describe('crash safety: SIGKILL at random moments', () => {
  const LANES = 2; // independent folders killed in parallel, to use both cores
  const dirs: string[] = [];
  beforeAll(async () => {
    assertBuilt();
    for (let lane = 0; lane < LANES; lane += 1) dirs.push(await tempDir('rapport-lowdb-crash-'));
  });
  afterAll(async () => {
    await Promise.all(dirs.map(removeDir));
  });

  it(`keeps every acknowledged write and every transaction whole across ${KILLS} kills`, {
    timeout: 150_000,
  }, async () => {
    const started = performance.now();
    const lanes = await Promise.all(dirs.map((dir, lane) => killLoop(dir, lane, KILLS / LANES)));
    const total = (pick: (lane: (typeof lanes)[number]) => number) =>
      lanes.reduce((sum, lane) => sum + pick(lane), 0);
    console.info(
      `${KILLS} kills in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
        `${total((l) => l.acked.count)} acknowledged writes checked, ${total((l) => l.acked.present.size)} records, ` +
        `${total((l) => l.acked.groups.size)} multi-record transactions, ${total((l) => l.tornTails)} torn tails dropped, ` +
        `${total((l) => l.killedBeforeReady)} kills before the store was open, ` +
        `${total((l) => l.midCompaction)} in the middle of a compaction; files now: ${lanes[0]?.files.join(' ')}`,
    );
    for (const lane of lanes) expect(lane.acked.count).toBeGreaterThan(KILLS / LANES);
  });
});
