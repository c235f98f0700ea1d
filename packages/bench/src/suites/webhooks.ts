import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKernel, type Kernel, memoryStore, SYSTEM_ACTOR, signRequest } from '@rapport/core';
import { customers } from '@rapport/plugin-customers';
import {
  createSubscription,
  DELIVERY_HEADER,
  safePost,
  TargetPolicy,
  WEBHOOK_QUEUE,
  webhooks,
} from '@rapport/plugin-webhooks';
import { pino } from 'pino';
import { concurrently, median } from '../measure.js';
import type { Row } from '../report.js';

const CONCURRENCY = 8;
const EVENT = 'customers.customer.created';
const LOCAL = { allowPrivateTargets: ['127.0.0.0/8'], concurrency: CONCURRENCY };

/** A receiver on 127.0.0.1 answering every POST 200 at once; counts what it got. */
async function startReceiver(): Promise<{ url: string; received: () => number; close(): Promise<void> }> {
  let received = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The bare loop: `count` signed POSTs of a delivery-sized body with the same client, 8 at once. */
async function bareLoop(url: string, body: string, count: number): Promise<number> {
  const policy = new TargetPolicy(LOCAL.allowPrivateTargets);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const id = `bench-${next++}`;
        const { headers } = signRequest({ secret: 'whsec_bench', body });
        const answer = await safePost({
          url,
          headers: { ...headers, 'content-type': 'application/json', [DELIVERY_HEADER]: id },
          body,
          policy,
          timeoutMs: 10_000,
          maxResponseBytes: 65_536,
          keepBytes: 1_024,
        });
        if (answer.status !== 200) throw new Error(`webhooks bench: the receiver answered ${answer.status}`);
      }
    }),
  );
  return performance.now() - started;
}

async function boot(withPlugin: boolean): Promise<Kernel> {
  const kernel = await createKernel({
    store: memoryStore(),
    plugins: withPlugin ? [customers(), webhooks(LOCAL)] : [customers()],
    logger: pino({ level: 'warn' }),
    jobs: { timer: false },
  });
  await kernel.start();
  return kernel;
}

/** `count` customers, made before anyone subscribes (their events queue nothing). */
async function seedCustomers(kernel: Kernel, count: number): Promise<string[]> {
  const ids: string[] = [];
  const repo = kernel.data('customer', { actor: SYSTEM_ACTOR });
  for (let i = 0; i < count; i += 1) {
    ids.push((await repo.create({ kind: 'person', name: `Bench ${i}` })).id);
  }
  await kernel.events.drain();
  return ids;
}

/** `count` events of fresh customers emitted 8 at once, until each is delivered: milliseconds. */
async function throughPlugin(
  kernel: Kernel,
  ids: readonly string[],
  received: () => number,
): Promise<number> {
  const before = received();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ids.length) {
        const customerId = ids[next++] as string;
        await kernel.events.emit(EVENT, { customerId }, { actor: SYSTEM_ACTOR });
      }
    }),
  );
  await kernel.events.drain();
  await kernel.resolve(WEBHOOK_QUEUE).idle();
  while (received() - before < ids.length) await new Promise((resolve) => setTimeout(resolve, 5));
  return performance.now() - started;
}

/** One figure per round of alternating measurements: the median rate and the median per-round ratio. */
function pairedRows(suite: string, names: readonly string[], rates: number[][]): Row[] {
  return names.map((name, i) => ({
    suite,
    name: `${name} (median of ${rates.length} rounds)`,
    opsPerSec: median(rates.map((round) => round[i] as number)),
    meanUs: Number.NaN,
    p99Us: Number.NaN,
    samples: rates.length,
    ratio: median(rates.map((round) => (round[i] as number) / (round[0] as number))),
  }));
}

/**
 * Deliveries per second through the plugin — the outbox row, the `*` handler matching the
 * subscriptions, the subject read as the owner, the delivery queued, claimed, signed, posted and
 * recorded — beside a bare loop of signed POSTs of a body of the same size with the same client,
 * both 8 at once to the same local receiver; and the cost of creating a customer with the plugin
 * installed (no subscription, then one subscription to the customer event) against without it.
 * Each figure alternates with its baseline `rounds` times (the machine is shared and noisy) and
 * reports the median of the per-round ratios.
 */
export async function webhooksSuite(options: {
  count: number;
  time: number;
  rounds?: number;
}): Promise<Row[]> {
  const { count, time } = options;
  const rounds = options.rounds ?? 3;
  const rows: Row[] = [];
  const receiver = await startReceiver();
  try {
    const n = count.toLocaleString('en-US');
    const kernel = await boot(true);
    const ids = await seedCustomers(kernel, count * rounds);
    await createSubscription(kernel, SYSTEM_ACTOR, { url: receiver.url, events: [EVENT], active: true });
    const sample = JSON.stringify({
      event: { id: ids[0], name: EVENT, occurredAt: new Date().toISOString() },
      subject: { entity: 'customer', id: ids[0] },
      data: await kernel.data('customer', { actor: SYSTEM_ACTOR }).get(ids[0] as string),
      details: {},
    });
    const deliveryRates: number[][] = [];
    for (let round = 0; round < rounds; round += 1) {
      const bare = await bareLoop(receiver.url, sample, count);
      const plugin = await throughPlugin(
        kernel,
        ids.slice(round * count, (round + 1) * count),
        receiver.received,
      );
      deliveryRates.push([(count / bare) * 1_000, (count / plugin) * 1_000]);
    }
    const delivered = await kernel
      .data('webhookDelivery', { actor: SYSTEM_ACTOR })
      .count({ status: 'delivered' });
    if (delivered !== count * rounds)
      throw new Error(`webhooks bench: ${delivered} of ${count * rounds} delivered`);
    await kernel.stop();
    rows.push(
      ...pairedRows(
        `webhooks, ${n} deliveries a round to a local receiver`,
        ['baseline: bare signed POSTs, same client', 'event → delivered through the plugin, memory store'],
        deliveryRates,
      ),
    );

    const bare = await boot(false);
    const idle = await boot(true);
    const subscribed = await boot(true);
    await createSubscription(subscribed, SYSTEM_ACTOR, { url: receiver.url, events: [EVENT], active: true });
    const createRates: number[][] = [];
    for (let round = 0; round < rounds; round += 1) {
      const rates: number[] = [];
      for (const target of [bare, idle, subscribed]) {
        const repo = target.data('customer', { actor: SYSTEM_ACTOR });
        let i = 0;
        const figures = await concurrently(CONCURRENCY, time, async () => {
          await repo.create({ kind: 'person', name: `Create ${i++}` });
        });
        await target.events.drain();
        if (target !== bare) await target.resolve(WEBHOOK_QUEUE).idle();
        rates.push(figures.opsPerSec);
      }
      createRates.push(rates);
    }
    rows.push(
      ...pairedRows(
        'customer create, 8 concurrent, memory store',
        [
          'baseline: without the webhooks plugin',
          'webhooks installed, no subscription',
          'webhooks installed, one subscription to the event (each create delivered)',
        ],
        createRates,
      ),
    );
    for (const target of [bare, idle, subscribed]) await target.stop();
  } finally {
    await receiver.close();
  }
  return rows;
}
