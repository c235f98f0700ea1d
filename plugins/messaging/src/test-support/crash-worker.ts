// A delivery process for the crash test: opens the lowdb folder it is given, makes sure N
// messages are queued (idempotently, so a run killed mid-enqueue resumes it), and delivers them
// to the local SMTP server until every one is sent. It prints what it has acknowledged and how
// far it is, one line each, and is killed with SIGKILL by the test at random points.
import { createKernel, SYSTEM_ACTOR } from '@rapport/core';
import { customers } from '@rapport/plugin-customers';
import { lowdbStore } from '@rapport/store-lowdb';
import { pino } from 'pino';
import type { ChannelAccount } from '../entities/channel-account.js';
import type { Message } from '../entities/message.js';
import { messaging } from '../messaging-plugin.js';
import { MESSAGING } from '../service.js';

const [dir = '', port = '0', total = '5000', concurrency = '8', adapter = 'smtp'] = process.argv.slice(2);
const N = Number(total);
const QUIET = { info: () => undefined, warn: () => undefined, error: () => undefined };
const BATCH = 250;

const kernel = await createKernel({
  store: lowdbStore({ dir, logger: QUIET }),
  plugins: [
    customers(),
    messaging({
      concurrency: Number(concurrency),
      sendTimeout: '2s',
      sendingLease: '3s',
      sweepEvery: '1s',
      retryBase: '1s',
      retryMax: '2s',
      maxAttempts: 50,
      quietHours: false,
    }),
  ],
  logger: pino({ level: 'silent' }),
  jobs: { tickMs: 200 },
});
// Report progress from the moment the store is open: a restart delivers what the outbox holds
// while start() is still running.
const progress = setInterval(() => {
  if (kernel.state !== 'running') return;
  void kernel
    .data('message', { actor: SYSTEM_ACTOR })
    .count({ status: 'sent' })
    .then((sent) => process.stdout.write(`SENT ${sent}\n`))
    .catch(() => undefined);
}, 50);
await kernel.start();
const system = <T>(entity: string) => kernel.data<T>(entity, { actor: SYSTEM_ACTOR });
if ((await system('channelAccount').count()) === 0) {
  await system<ChannelAccount>('channelAccount').create({
    name: `Crash ${adapter}`,
    channel: 'email',
    adapter,
    from: 'crash@rapport.example',
    isDefault: true,
    settings:
      adapter === 'smtp'
        ? {
            host: '127.0.0.1',
            port: Number(port),
            maxConnections: Number(concurrency),
            connectionTimeoutMs: 2_000,
          }
        : {},
  });
}
const service = kernel.resolve(MESSAGING);
for (let start = await system('message').count(); start < N; start += BATCH) {
  const end = Math.min(N, start + BATCH);
  await kernel.transaction(async () => {
    for (let i = start; i < end; i += 1) {
      await service.send(
        {
          to: `r${i}@sink.example`,
          channel: 'email',
          purpose: 'transactional',
          subject: `Message ${i}`,
          text: `Body ${i}`,
          idempotencyKey: `crash-${i}`,
          source: { plugin: 'crashTest' },
        },
        { actor: SYSTEM_ACTOR },
      );
    }
  });
  process.stdout.write(`ACK ${end}\n`);
}
const messages = system<Message>('message');
while ((await messages.count({ status: 'sent' })) < N)
  await new Promise((resolve) => setTimeout(resolve, 50));
clearInterval(progress);
await kernel.stop();
process.stdout.write('DONE\n');
