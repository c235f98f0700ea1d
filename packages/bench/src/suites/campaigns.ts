import {
  createKernel,
  defineEntity,
  definePlugin,
  type Kernel,
  memoryStore,
  type Repository,
  SYSTEM_ACTOR,
} from '@rapport/core';
import { CAMPAIGNS, campaigns } from '@rapport/plugin-campaigns';
import { customers } from '@rapport/plugin-customers';
import { messaging } from '@rapport/plugin-messaging';
import { type Row, timedRow } from '../report.js';

const BATCH = 500;

const entity = (name: string) =>
  defineEntity({
    name,
    plural: `${name}s`,
    schema: {
      type: 'object',
      properties: {
        customerId: { type: 'string', maxLength: 200 },
        status: { type: 'string', maxLength: 40 },
        text: { type: 'string', maxLength: 2_000 },
      },
      required: ['customerId', 'status'],
    },
  });
/** Plain entities of the same shape, written by the baseline. */
const bare = definePlugin({
  id: 'benchBareCampaign',
  version: '0',
  register: (ctx) => ctx.entities.define(entity('benchMember'), entity('benchMessage'), entity('benchEvent')),
});

async function boot(): Promise<Kernel> {
  const kernel = await createKernel({
    store: memoryStore(),
    plugins: [
      customers({ currency: 'EUR' }),
      messaging({ publicUrl: 'https://crm.example.com', quietHours: false }),
      campaigns({ batchSize: BATCH, batchesPerRun: 10_000 }),
      bare(),
    ],
    logger: { level: 'silent' },
    jobs: { timer: false },
  });
  await kernel.start();
  return kernel;
}

/** `count` customers with an e-mail address and marketing consent, 500 to a transaction. */
async function seed(kernel: Kernel, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let from = 0; from < count; from += BATCH) {
    await kernel.transaction(async (tx) => {
      const people = tx.data('customer', { actor: SYSTEM_ACTOR });
      const consents = tx.data('consent', { actor: SYSTEM_ACTOR });
      for (let i = from; i < Math.min(count, from + BATCH); i += 1) {
        const c = await people.create({
          kind: 'person',
          name: `Bench ${i}`,
          email: `b${i}@bench.example`,
          tags: ['bench'],
        });
        await consents.create({
          customerId: c.id,
          channel: 'email',
          purpose: 'marketing',
          state: 'in',
          source: 'import',
        });
        ids.push(c.id);
      }
    });
  }
  return ids;
}

/**
 * The same store writes a launch makes per member, through plain repositories with no rules:
 * the member frozen (500 to a transaction); the message created with the member updated (one
 * transaction); the delivery — the message claimed and recorded, a delivery event, the member
 * moved (one transaction).
 */
async function baseline(kernel: Kernel, ids: readonly string[]): Promise<number> {
  const repo = (name: string): Repository<Record<string, unknown>> =>
    kernel.data(name, { actor: SYSTEM_ACTOR });
  const started = performance.now();
  const members: Array<{ id: string; version: number }> = [];
  for (let from = 0; from < ids.length; from += BATCH) {
    await kernel.transaction(async (tx) => {
      const m = tx.data('benchMember', { actor: SYSTEM_ACTOR });
      for (const customerId of ids.slice(from, from + BATCH)) {
        members.push(await m.create({ customerId, status: 'targeted' }));
      }
    });
  }
  for (const member of members) {
    const message = await kernel.transaction(async (tx) => {
      const created = await tx
        .data('benchMessage', { actor: SYSTEM_ACTOR })
        .create({ customerId: member.id, status: 'queued', text: 'Hello Bench, spring is here.' });
      await tx
        .data('benchMember', { actor: SYSTEM_ACTOR })
        .update(member.id, { status: 'queued' }, { expectedVersion: member.version });
      return created;
    });
    await kernel.transaction(async () => {
      const sending = await repo('benchMessage').update(
        message.id,
        { status: 'sending' },
        { expectedVersion: message.version },
      );
      await repo('benchMessage').update(message.id, { status: 'sent' }, { expectedVersion: sending.version });
      await repo('benchEvent').create({ customerId: message.id, status: 'sent' });
      await repo('benchMember').update(
        member.id,
        { status: 'sent' },
        { expectedVersion: member.version + 1 },
      );
    });
  }
  return performance.now() - started;
}

/**
 * A campaign launched to `audience` customers who all consented: the launch freezes the audience
 * and queues one message per member through messaging in batches of 500 (the dispatch job's
 * work), and the log adapter sends them; beside the bare rate of the same store writes in the
 * same run (memory store).
 */
export async function campaignsSuite(options: { audience: number }): Promise<Row[]> {
  const { audience } = options;
  const kernel = await boot();
  try {
    await kernel.data('channelAccount', { actor: SYSTEM_ACTOR }).create({
      name: 'log',
      channel: 'email',
      adapter: 'log',
      from: 'bench@rapport.example',
      isDefault: true,
      settings: { level: 'debug' },
    });
    await kernel.data('messageTemplate', { actor: SYSTEM_ACTOR }).create({
      key: 'spring',
      channel: 'email',
      locale: 'en',
      purpose: 'marketing',
      subject: 'Spring',
      text: 'Hello {{customer.name}}, spring is here.',
    });
    const ids = await seed(kernel, audience);
    const suite = `campaigns, launch to ${audience.toLocaleString('en-US')} customers`;
    const rows: Row[] = [
      timedRow(suite, 'baseline: the same store writes, bare', audience, await baseline(kernel, ids)),
    ];
    const campaign = await kernel.data('campaign', { actor: SYSTEM_ACTOR }).create({
      name: 'Bench',
      type: 'retention',
      audience: { where: { tags: { contains: 'bench' } } },
      channels: [{ channel: 'email', templateKey: 'spring' }],
      controlShare: 0.1,
    });
    const service = kernel.resolve(CAMPAIGNS);
    const started = performance.now();
    await service.launch(SYSTEM_ACTOR, campaign.id);
    const report = await service.run(campaign.id);
    const queued = performance.now() - started;
    if (report.status !== 'completed') throw new Error(`campaigns bench: the campaign is ${report.status}`);
    await kernel.events.drain();
    const messages = kernel.data('message', { actor: SYSTEM_ACTOR });
    while ((await messages.count({ status: 'sent' })) < report.queued)
      await new Promise((r) => setTimeout(r, 20));
    const sent = performance.now() - started;
    const members = await kernel
      .data('campaignMember', { actor: SYSTEM_ACTOR })
      .count({ campaignId: campaign.id });
    if (members !== audience)
      throw new Error(`campaigns bench: ${members} members for an audience of ${audience}`);
    rows.push(
      timedRow(
        suite,
        `launch: freeze and queue (${report.queued} queued, ${audience - report.queued} control)`,
        audience,
        queued,
      ),
    );
    rows.push(timedRow(suite, 'launch: freeze, queue and send through the log adapter', audience, sent));
    return rows;
  } finally {
    await kernel.stop();
  }
}
