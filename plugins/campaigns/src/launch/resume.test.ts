import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { definePlugin, SYSTEM_ACTOR } from '@rapport/core';
import { MESSAGING } from '@rapport/plugin-messaging';
import { lowdbStore } from '@rapport/store-lowdb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Campaign, CampaignRecord } from '../entities/campaign.js';
import type { CampaignMember } from '../entities/campaign-member.js';
import { bootCampaigns, type CampaignsTest } from '../test-support/boot.js';
import { inControl } from './control-draw.js';
import { campaignMessageKey } from './send-member.js';

/** A plugin that makes the process "die" (an error no one catches) at the n-th record of `entity` written. */
function crashAt(points: number[], entity = 'message') {
  let queued = 0;
  return definePlugin({
    id: 'crash',
    version: '0.0.0',
    dependsOn: ['messaging'],
    optionalDependsOn: ['campaigns'],
    register(ctx) {
      ctx.hooks.entity(entity).afterCreate.tapPromise('crash', async () => {
        queued += 1;
        if (points.includes(queued)) throw new Error(`simulated crash at ${entity} ${queued}`);
      });
    },
  })();
}

describe('resuming a launch after a crash', () => {
  let t: CampaignsTest;
  afterEach(() => t.stop());

  async function launch(customers: number, fields: Partial<Campaign> = {}) {
    const ids = await t.customers(customers, () => ({ tags: ['spring'] }));
    await t.consent(ids.filter((_, i) => i % 7 !== 3)); // some without consent: excluded
    const campaign = (await t.data<Campaign>('campaign').create({
      name: 'Spring',
      type: 'retention',
      audience: { where: { tags: { contains: 'spring' } } },
      channels: [{ channel: 'email', templateKey: 'spring' }],
      controlShare: 0.2,
      ...fields,
    })) as CampaignRecord;
    await t.service.launch(t.admin, campaign.id);
    return { ids, campaign };
  }

  async function check(campaignId: string, ids: string[]) {
    const members = (
      await t.kernel
        .data<CampaignMember>('campaignMember', { actor: SYSTEM_ACTOR })
        .find({ where: { campaignId }, limit: 500 })
    ).items;
    const messages = (
      await t.kernel.data<{ customerId: string }>('message', { actor: SYSTEM_ACTOR }).find({ limit: 500 })
    ).items;
    // nobody skipped: every customer is a member; nobody sent to twice: one message per treated member
    expect(members.map((m) => m.customerId).sort()).toEqual([...ids].sort());
    const treated = members.filter((m) => !m.control);
    expect(messages.map((m) => m.customerId).sort()).toEqual(treated.map((m) => m.customerId).sort());
    expect(treated.every((m) => m.status !== 'targeted' && m.messageId)).toBe(true);
    expect(members.filter((m) => m.control).every((m) => m.status === 'targeted' && !m.messageId)).toBe(true);
    const campaign = (await t.data<Campaign>('campaign').get(campaignId)) as CampaignRecord;
    expect(campaign.status).toBe('completed');
    const counts = campaign.counts as unknown as Record<string, number>;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(ids.length);
    expect(campaign.audienceSize).toBe(ids.length);
    return { members, campaign };
  }

  it('crashes half-way through the sends three times and resumes with no duplicate and no one skipped', async () => {
    t = await bootCampaigns({ plugins: [crashAt([5, 17, 18])], campaigns: { batchSize: 6 } });
    const { ids, campaign } = await launch(40);
    let crashes = 0;
    for (let run = 0; run < 10; run += 1) {
      try {
        const report = await t.service.run(campaign.id, 1_000);
        if (report.status === 'completed') break;
      } catch (error) {
        expect(String(error)).toMatch(/simulated crash/);
        crashes += 1;
      }
    }
    expect(crashes).toBe(3);
    const { members } = await check(campaign.id, ids);
    // the control group is the one the recorded seed draws, crash or not
    const seed = (await t.data<Campaign>('campaign').get(campaign.id)).drawSeed as string;
    expect(
      members
        .filter((m) => m.control)
        .map((m) => m.customerId)
        .sort(),
    ).toEqual(ids.filter((id) => inControl(seed, id, 0.2)).sort());
  });

  it('crashes while freezing the audience and resumes from the checkpoint, the draw unchanged', async () => {
    t = await bootCampaigns({ plugins: [crashAt([9, 23], 'campaignMember')], campaigns: { batchSize: 8 } });
    const { ids, campaign } = await launch(30);
    let crashes = 0;
    for (let run = 0; run < 10; run += 1) {
      try {
        if ((await t.service.run(campaign.id, 1_000)).status === 'completed') break;
      } catch (error) {
        expect(String(error)).toMatch(/simulated crash/);
        crashes += 1;
      }
    }
    expect(crashes).toBe(2);
    await check(campaign.id, ids);
  });

  it('resumes on a reopened lowdb folder: the store holds everything a run needs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rapport-campaigns-'));
    try {
      t = await bootCampaigns({
        store: lowdbStore({ dir }),
        plugins: [crashAt([9])],
        campaigns: { batchSize: 5 },
      });
      const { ids, campaign } = await launch(20);
      await expect(t.service.run(campaign.id, 1_000)).rejects.toThrow(/simulated crash/);
      await t.stop();
      // a new process on the same folder, without the fault: the dispatch job picks the campaign up
      t = await bootCampaigns({
        store: lowdbStore({ dir }),
        campaigns: { batchSize: 5 },
        seedAccounts: false,
      });
      await t.advance('10s');
      await check(campaign.id, ids);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('adopts a message an earlier run queued but whose progress it lost, instead of sending again', async () => {
    t = await bootCampaigns();
    const { ids, campaign } = await launch(12);
    await t.service.run(campaign.id, 1); // freeze only
    const members = (
      await t.kernel
        .data<CampaignMember>('campaignMember', { actor: SYSTEM_ACTOR })
        .find({ where: { campaignId: campaign.id, control: false }, limit: 500 })
    ).items;
    const lost = members[0] as (typeof members)[number];
    // What a run that died between messaging's commit and its own would have left behind:
    await t.kernel.resolve(MESSAGING).send(
      {
        customerId: lost.customerId,
        channel: 'email',
        purpose: 'marketing',
        template: { key: 'spring' },
        data: { campaign: 'Spring' },
        idempotencyKey: campaignMessageKey(campaign.id, lost.customerId),
        source: { plugin: 'campaigns', entity: 'campaignMember', recordId: lost.id },
        threadKey: `campaigns:${lost.id}`,
      },
      { actor: SYSTEM_ACTOR },
    );
    await t.service.run(campaign.id, 100);
    await check(campaign.id, ids);
  });

  it('two processes running the same campaign at once send to each member once', async () => {
    t = await bootCampaigns({ campaigns: { batchSize: 5 } });
    const { ids, campaign } = await launch(30);
    await Promise.all([
      t.service.run(campaign.id, 100),
      t.service.run(campaign.id, 100),
      t.service.dispatch(),
    ]);
    await t.service.run(campaign.id, 100);
    await check(campaign.id, ids);
  });
});
