import { createSeededRandom, isoTime, type Kernel, mixSeed, SYSTEM_ACTOR } from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import type { ChannelAccount } from '../entities/channel-account.js';
import type { Consent } from '../entities/consent.js';
import type { MessageTemplate } from '../entities/message-template.js';
import { MESSAGING } from '../service.js';
import type { Channel } from '../vocabulary.js';
import { DEMO_ACCOUNTS, DEMO_TEMPLATES } from './demo-templates.js';

/** Options of {@link seedDemoMessaging}. */
export interface SeedMessagingOptions {
  /** Same seed, same consents (default 1). */
  seed?: number;
  /** The time consents are dated before (default the kernel clock). */
  now?: number;
  /** Share of customers opted in to marketing e-mail (default 0.6) and SMS (default 0.35). */
  emailOptIn?: number;
  smsOptIn?: number;
  /** Transactional demo messages sent through the log adapter at the end (default 20). */
  messages?: number;
  /** Seed even when channel accounts exist (default false: a no-op then). */
  force?: boolean;
}

/** What {@link seedDemoMessaging} wrote. */
export interface SeedMessagingReport {
  skipped: boolean;
  accounts: number;
  templates: number;
  consents: number;
  messages: number;
  ms: number;
}

const DAY = 86_400_000;

/**
 * Seeds the messaging demo as the system, for the customers already there: log-adapter accounts
 * for e-mail and SMS, the demo templates (English and Simplified Chinese), marketing consents —
 * about 60% opted in by e-mail and 35% by SMS, some of them later opted out, each dated and
 * sourced — and a few transactional messages sent through the log adapter. Deterministic for a
 * seed (its own PRNG, one per customer in store order). A no-op when accounts exist, unless `force`.
 *
 * @example
 * ```ts
 * await seedDemoCustomers(kernel, { count: 1000 });
 * await seedDemoMessaging(kernel, { seed: 1 });
 * ```
 */
export async function seedDemoMessaging(
  kernel: Kernel,
  options: SeedMessagingOptions = {},
): Promise<SeedMessagingReport> {
  const started = performance.now();
  const system = <T>(entity: string) => kernel.data<T>(entity, { actor: SYSTEM_ACTOR });
  if (!options.force && (await system('channelAccount').count()) > 0) {
    return { skipped: true, accounts: 0, templates: 0, consents: 0, messages: 0, ms: 0 };
  }
  const seed = options.seed ?? 1;
  const now = options.now ?? kernel.clock.now();
  for (const account of DEMO_ACCOUNTS) await system<ChannelAccount>('channelAccount').create(account);
  let templates = 0;
  for (const template of DEMO_TEMPLATES) {
    const exists = await system<MessageTemplate>('messageTemplate').count({
      key: template.key,
      channel: template.channel,
      locale: template.locale,
    });
    if (exists === 0) {
      await system<MessageTemplate>('messageTemplate').create(template);
      templates += 1;
    }
  }
  let consents = 0;
  let cursor: string | undefined;
  let index = 0;
  do {
    const page = await system<Customer>('customer').find({
      sort: ['phone', 'email', 'name', 'id'],
      limit: 200,
      fields: ['id'],
      ...(cursor ? { cursor } : {}),
    });
    await kernel.transaction(async (tx) => {
      for (const { id } of page.items) {
        const random = createSeededRandom(mixSeed(seed, index));
        index += 1;
        for (const [channel, share] of [
          ['email', options.emailOptIn ?? 0.6],
          ['sms', options.smsOptIn ?? 0.35],
        ] as Array<[Channel, number]>) {
          if (!random.chance(share)) continue;
          const given = now - random.int(30, 700) * DAY;
          const consent = tx.data<Consent>('consent', { actor: SYSTEM_ACTOR });
          await consent.create({
            customerId: id,
            channel,
            purpose: 'marketing',
            state: 'in',
            source: random.pick(['form', 'import', 'keyword'] as const),
            at: isoTime(given),
          });
          consents += 1;
          if (random.chance(0.08)) {
            await consent.create({
              customerId: id,
              channel,
              purpose: 'marketing',
              state: 'out',
              source: channel === 'sms' ? 'keyword' : 'unsubscribe-link',
              at: isoTime(given + random.int(1, 29) * DAY),
            });
            consents += 1;
          }
        }
      }
    });
    cursor = page.nextCursor;
  } while (cursor);
  const service = kernel.resolve(MESSAGING);
  let messages = 0;
  const { items: reachable } = await system<Customer>('customer').find({
    where: { email: { exists: true } },
    sort: ['email', 'id'],
    limit: Math.min(options.messages ?? 20, 1_000),
    fields: ['id'],
  });
  for (const [i, { id: customerId }] of reachable.entries()) {
    await service.send(
      {
        customerId,
        channel: 'email',
        purpose: 'transactional',
        template: { key: 'order-shipped' },
        data: { orderNumber: `D-${1000 + i}` },
        idempotencyKey: `demo-order-shipped-${seed}-${i}`,
        source: { plugin: 'messaging', entity: 'demo' },
      },
      { actor: SYSTEM_ACTOR },
    );
    messages += 1;
  }
  await kernel.events.drain();
  return {
    skipped: false,
    accounts: DEMO_ACCOUNTS.length,
    templates,
    consents,
    messages,
    ms: Math.round(performance.now() - started),
  };
}
