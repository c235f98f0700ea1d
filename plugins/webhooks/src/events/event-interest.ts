import { createToken, type Kernel, type Repository, SYSTEM_ACTOR } from '@rapport/core';
import type { WebhookSubscription } from '../entities/webhook-subscription.js';
import { WEBHOOKS_PLUGIN_ID } from '../plugin-id.js';
import { matchesAny } from './event-patterns.js';

const PAGE = 1_000;

/**
 * Which events some active subscription may want, as this process last saw the subscriptions:
 * the outbox asks it (`accepts`) when an event is written, so an event no subscription matches
 * writes no outbox row for the plugin and costs a write nothing. Until it is loaded it answers
 * yes to everything. A subscription written in this process counts at once (its patterns are
 * added in the write's transaction — a rolled-back write only costs rows until the next refresh);
 * one written in another process counts from that process's next refresh (`sweepEvery`).
 */
export class EventInterest {
  #patterns: readonly string[] = [];
  #loaded = false;

  /** Whether an event of this name may be wanted. */
  wants(eventName: string): boolean {
    return !this.#loaded || matchesAny(this.#patterns, eventName);
  }

  /** Counts a subscription's patterns now (a subscription written in this process). */
  add(patterns: readonly string[]): void {
    this.#patterns = [...new Set([...this.#patterns, ...patterns])];
  }

  /** Re-reads the active subscriptions' patterns. */
  async refresh(kernel: Pick<Kernel, 'data'>): Promise<void> {
    const repo: Repository<WebhookSubscription> = kernel.data('webhookSubscription', { actor: SYSTEM_ACTOR });
    const patterns = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await repo.find({
        where: { active: true },
        fields: ['events'],
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      for (const subscription of page.items) for (const pattern of subscription.events) patterns.add(pattern);
      cursor = page.nextCursor;
    } while (cursor);
    this.#patterns = [...patterns];
    this.#loaded = true;
  }
}

/** The token of the kernel's {@link EventInterest}. */
export const EVENT_INTEREST = createToken<EventInterest>(`${WEBHOOKS_PLUGIN_ID}.interest`);
