import { type Actor, findAll, type Where } from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import type { Consent } from '@rapport/plugin-messaging';
import type { Audience } from '../entities/campaign.js';
import type { CampaignsRuntime } from '../runtime.js';
import type { CampaignChannel } from '../vocabulary.js';
import { audienceWhere, narrowBatch } from './audience.js';

/** How many customers an audience holds now, and how many of them have marketing consent on a channel. */
export interface AudiencePreview {
  audience: number;
  channel: CampaignChannel;
  /** Whose latest marketing consent on the channel is `in`: the most a launch could reach there. */
  withConsent: number;
  /** A few of them, for a person to check the query: ids and names. */
  sample: Array<{ id: string; name: string }>;
}

/**
 * Counts an audience as `actor` sees it (record rules apply), and the customers in it whose
 * latest marketing consent on `channel` is `in` — what messaging would let through, before caps,
 * quiet hours and suppressions. Reads the audience in pages of 500.
 */
export async function previewAudience(
  runtime: CampaignsRuntime,
  actor: Actor,
  audience: Audience,
  channel: CampaignChannel,
): Promise<AudiencePreview> {
  const { kernel } = runtime;
  kernel.access.assert(actor, 'consent', 'read');
  const parts: Where[] = await audienceWhere(kernel, audience);
  const customers = kernel.data<Customer>('customer', { actor });
  const consents = kernel.data<Consent>('consent', { actor });
  let total = 0;
  let withConsent = 0;
  const sample: AudiencePreview['sample'] = [];
  let after: string | undefined;
  for (;;) {
    const page = await customers.find({
      where: { and: after ? [...parts, { id: { gt: after } }] : parts },
      sort: ['id'],
      limit: 500,
      fields: ['id', 'name'],
    });
    const kept = await narrowBatch(
      kernel,
      audience,
      page.items.map((c) => c.id),
      runtime.installed.loyalty,
    );
    total += kept.size;
    for (const c of page.items)
      if (kept.has(c.id) && sample.length < 10) sample.push({ id: c.id, name: c.name });
    if (kept.size > 0) {
      const records = await findAll(consents, {
        where: { customerId: { in: [...kept] }, channel, purpose: 'marketing' },
        sort: ['customerId', '-at'],
        fields: ['customerId', 'state', 'at'],
      });
      const latest = new Map<string, Consent>();
      for (const record of records) if (!latest.has(record.customerId)) latest.set(record.customerId, record);
      for (const consent of latest.values()) if (consent.state === 'in') withConsent += 1;
    }
    if (page.items.length < 500) break;
    after = page.items.at(-1)?.id;
  }
  return { audience: total, channel, withConsent, sample };
}
