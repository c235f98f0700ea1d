import { isoTime } from '@rapport/core';
import type { CustomerHooks, ProfileRequest } from '@rapport/plugin-customers';
import type { Consent, ConsentRecord } from '../entities/consent.js';
import type { Message } from '../entities/message.js';
import { MESSAGING_PLUGIN_ID } from '../plugin-id.js';
import { CHANNELS } from '../vocabulary.js';

const QUARTER_MS = 90 * 86_400_000;

async function promotion(request: ProfileRequest): Promise<void> {
  const consents: Record<string, { state: string; since: string; source: string }> = {};
  if (request.canRead('consent')) {
    for (const channel of CHANNELS) {
      const { items } = await request.data<Consent>('consent').find({
        where: { customerId: request.customerId, channel, purpose: 'marketing' },
        sort: ['-at', '-id'],
        limit: 1,
      });
      const latest = items[0] as ConsentRecord | undefined;
      if (latest) consents[channel] = { state: latest.state, since: latest.at, source: latest.source };
    }
  }
  let reached: Record<string, number> = {};
  if (request.canRead('message')) {
    const rows = await request.data<Message>('message').aggregate({
      where: {
        customerId: request.customerId,
        direction: 'outbound',
        purpose: 'marketing',
        sentAt: { gte: isoTime(request.now() - QUARTER_MS) },
      },
      groupBy: ['channel'],
      measures: { n: 'count' },
    });
    reached = Object.fromEntries(rows.map((row) => [String(row.channel), Number(row.n)]));
  }
  const optedIn = Object.entries(consents)
    .filter(([, c]) => c.state === 'in')
    .map(([channel]) => channel);
  const total = Object.values(reached).reduce((sum, n) => sum + n, 0);
  request.contribute('promotion', {
    source: MESSAGING_PLUGIN_ID,
    summary:
      optedIn.length === 0
        ? `no marketing consent; ${total} marketing message(s) in 90 days`
        : `opted in to marketing by ${optedIn.join(', ')}; ${total} marketing message(s) in 90 days`,
    data: { consents, marketingSent90d: reached },
  });
}

/** The 7P Promotion part: the customer's marketing consent per channel and what reached them in 90 days. */
export function tapCustomerProfile(hooks: CustomerHooks): void {
  hooks.profile.tapPromise(MESSAGING_PLUGIN_ID, async (request) => {
    if (request.canRead('consent') || request.canRead('message')) await promotion(request);
  });
}
