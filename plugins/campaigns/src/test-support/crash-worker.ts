// A launch process for the crash test: opens the lowdb folder it is given, on first start seeds
// N consenting customers, a log account, a template and a campaign and launches it, then runs
// the campaign batch by batch until it completes. It prints how many messages are queued, one
// line at a time, and is killed with SIGKILL by the test at random points.
import { createKernel, SYSTEM_ACTOR } from '@rapport/core';
import { customers } from '@rapport/plugin-customers';
import { messaging } from '@rapport/plugin-messaging';
import { lowdbStore } from '@rapport/store-lowdb';
import { campaigns } from '../campaigns-plugin.js';
import { CAMPAIGNS } from '../service.js';

const [dir = '', total = '300'] = process.argv.slice(2);
const N = Number(total);
const QUIET = { info: () => undefined, warn: () => undefined, error: () => undefined };

const kernel = await createKernel({
  store: lowdbStore({ dir, logger: QUIET }),
  plugins: [
    customers(),
    messaging({ publicUrl: 'https://crm.example.com', quietHours: false }),
    campaigns({ batchSize: 20 }),
  ],
  logger: { level: 'silent' },
  jobs: { timer: false },
});
await kernel.start();
const system = <T>(entity: string) => kernel.data<T>(entity, { actor: SYSTEM_ACTOR });
let campaign = (await system('campaign').find({ limit: 1 })).items[0] as { id: string } | undefined;
if (!campaign) {
  campaign = await kernel.transaction(async () => {
    await system('channelAccount').create({
      name: 'log',
      channel: 'email',
      adapter: 'log',
      from: 'crash@rapport.example',
      isDefault: true,
    });
    await system('messageTemplate').create({
      key: 'crash',
      channel: 'email',
      locale: 'en',
      purpose: 'marketing',
      text: 'Hello {{customer.name}}',
    });
    for (let i = 0; i < N; i += 1) {
      const c = await system('customer').create({
        kind: 'person',
        name: `Crash ${i}`,
        email: `c${i}@crash.example`,
        tags: ['crash'],
      });
      await system('consent').create({
        customerId: c.id,
        channel: 'email',
        purpose: 'marketing',
        state: 'in',
        source: 'import',
      });
    }
    return system('campaign').create({
      name: 'Crash',
      type: 'retention',
      audience: { where: { tags: { contains: 'crash' } } },
      channels: [{ channel: 'email', templateKey: 'crash' }],
      controlShare: 0.2,
    });
  });
  await kernel.resolve(CAMPAIGNS).launch(SYSTEM_ACTOR, campaign.id);
}
const service = kernel.resolve(CAMPAIGNS);
for (;;) {
  const report = await service.run(campaign.id, 1);
  process.stdout.write(`QUEUED ${await system('message').count()}\n`);
  if (report.status !== 'running') break;
}
await kernel.events.drain();
process.stdout.write('DONE\n');
await kernel.stop();
