import { fieldError, findAll, type Kernel, NotFoundError, SYSTEM_ACTOR, type Where } from '@rapport/core';
import type { Segment } from '@rapport/plugin-customers';
import type { Audience } from '../entities/campaign.js';
import type { Interest } from '../entities/interest.js';

/**
 * The customer query of an audience: the segment's `where`, the campaign's own `where` and the
 * ABC classes, all of which must match; internal customers (staff, tests) never.
 */
export async function audienceWhere(kernel: Kernel, audience: Audience): Promise<Where[]> {
  const parts: Where[] = [{ internal: { ne: true } }];
  if (audience.segmentId) {
    const segment = await kernel
      .data<Segment>('segment', { actor: SYSTEM_ACTOR })
      .get(audience.segmentId)
      .catch((error: unknown) => {
        if (error instanceof NotFoundError) {
          throw fieldError('campaign', 'audience.segmentId', 'campaigns.segment', 'names no segment');
        }
        throw error;
      });
    parts.push(segment.where as Where);
  }
  if (audience.where) parts.push(audience.where);
  if (audience.abcClasses && audience.abcClasses.length > 0)
    parts.push({ abcClass: { in: audience.abcClasses } });
  return parts;
}

/**
 * The narrowing an audience needs beyond the customer query — loyalty tiers (a membership in
 * one of them) and topics (following one of them) — applied to one batch of customer ids.
 */
export async function narrowBatch(
  kernel: Kernel,
  audience: Audience,
  ids: readonly string[],
  loyaltyInstalled: boolean,
): Promise<Set<string>> {
  let kept = new Set(ids);
  if (ids.length === 0) return kept;
  if (audience.tiers && audience.tiers.length > 0) {
    if (!loyaltyInstalled) {
      throw fieldError(
        'campaign',
        'audience.tiers',
        'campaigns.loyalty',
        'needs the loyalty plugin installed',
      );
    }
    const items = await findAll(
      kernel.data<{ customerId: string }>('loyaltyMember', { actor: SYSTEM_ACTOR }),
      {
        where: { customerId: { in: [...kept] }, tier: { in: audience.tiers }, status: 'active' },
        fields: ['customerId'],
      },
    );
    kept = new Set(items.map((m) => m.customerId));
  }
  if (audience.topics && audience.topics.length > 0 && kept.size > 0) {
    const items = await findAll(kernel.data<Interest>('campaignInterest', { actor: SYSTEM_ACTOR }), {
      where: { customerId: { in: [...kept] }, topic: { in: audience.topics } },
      fields: ['customerId'],
    });
    kept = new Set(items.map((i) => i.customerId));
  }
  return kept;
}
