import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKernel, createSeededRandom, SYSTEM_ACTOR } from '@rapport/core';
import { customers } from '@rapport/plugin-customers';
import { messaging } from '@rapport/plugin-messaging';
import { lowdbStore } from '@rapport/store-lowdb';
import { runCrashWorker } from '@rapport/testing';
import { describe, expect, it } from 'vitest';
import { campaigns } from '../campaigns-plugin.js';
import type { Campaign } from '../entities/campaign.js';
import type { CampaignMember } from '../entities/campaign-member.js';

const CUSTOMERS = Number(process.env.CRASH_CUSTOMERS ?? 300);
const KILLS = Number(process.env.CRASH_KILLS ?? 4);
const QUIET = { info: () => undefined, warn: () => undefined, error: () => undefined };
/** jiti's CLI runs the TypeScript worker as it is (Node 20 strips no types). */
const JITI = fileURLToPath(new URL('../../node_modules/jiti/lib/jiti-cli.mjs', import.meta.url));
const WORKER = fileURLToPath(new URL('../test-support/crash-worker.ts', import.meta.url));

/** Runs the worker; SIGKILLs it once it reports `killAt` messages queued (or lets it finish). */
async function runWorker(
  dir: string,
  killAt: number | undefined,
): Promise<{ killed: boolean; done: boolean }> {
  let done = false;
  const run = await runCrashWorker([JITI, WORKER, dir, String(CUSTOMERS)], (line) => {
    const [word, value] = line.split(' ');
    if (word === 'DONE') done = true;
    return word === 'QUEUED' && killAt !== undefined && Number(value) >= killAt;
  });
  return { ...run, done };
}

describe('a SIGKILL mid-launch', () => {
  it(`resumes a launch to ${CUSTOMERS} customers after ${KILLS} kills: one message per treated member, nobody skipped`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rapport-campaigns-crash-'));
    const random = createSeededRandom(20261204);
    try {
      const treated = Math.floor(CUSTOMERS * 0.7);
      const step = Math.floor(treated / (KILLS + 1));
      const kills: boolean[] = [];
      for (let kill = 1; kill <= KILLS; kill += 1) {
        kills.push((await runWorker(dir, kill * step + random.int(0, 5))).killed);
      }
      expect(kills.every(Boolean)).toBe(true); // every kill landed before the campaign completed
      expect((await runWorker(dir, undefined)).done).toBe(true);
      const kernel = await createKernel({
        store: lowdbStore({ dir, logger: QUIET }),
        plugins: [customers(), messaging({ publicUrl: 'https://crm.example.com' }), campaigns()],
        logger: { level: 'silent' },
        jobs: { timer: false },
      });
      await kernel.start();
      try {
        const system = <T>(entity: string) => kernel.data<T>(entity, { actor: SYSTEM_ACTOR });
        const all = async <T>(entity: string) => {
          const items: T[] = [];
          let cursor: string | undefined;
          do {
            const page = await system<T>(entity).find({ limit: 500, ...(cursor ? { cursor } : {}) });
            items.push(...(page.items as T[]));
            cursor = page.nextCursor;
          } while (cursor);
          return items;
        };
        const [campaign] = await all<Campaign>('campaign');
        expect(campaign).toMatchObject({ status: 'completed', audienceSize: CUSTOMERS });
        const members = await all<CampaignMember>('campaignMember');
        const messages = await all<{ customerId: string; status: string }>('message');
        expect(new Set(members.map((m) => m.customerId)).size).toBe(CUSTOMERS);
        expect(members).toHaveLength(CUSTOMERS);
        const sentTo = messages.map((m) => m.customerId);
        expect(new Set(sentTo).size).toBe(sentTo.length); // nobody twice
        expect(sentTo.sort()).toEqual(
          members
            .filter((m) => !m.control)
            .map((m) => m.customerId)
            .sort(),
        ); // nobody skipped
        expect(members.filter((m) => m.control).every((m) => !m.messageId)).toBe(true);
        const counts = campaign?.counts as unknown as Record<string, number>;
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(CUSTOMERS);
      } finally {
        await kernel.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
