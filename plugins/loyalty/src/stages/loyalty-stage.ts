import type { LoyaltyStage } from '../vocabulary.js';

/** What a member's loyalty stage is read from. */
export interface StageFacts {
  /** Entries in the member's ledger. */
  entries: number;
  /** Purchases since joining (orders that earned, less cancelled ones). */
  purchases: number;
  /** Members they referred who have bought. */
  referralsBought: number;
}

/**
 * The loyalty stage of a member (see `LOYALTY_STAGES` for the rule of each): an advocate has
 * bought and referred someone who bought; otherwise the stage climbs with purchases, and a
 * member with points but no purchase is past suspicion.
 */
export function stageOf(facts: StageFacts): LoyaltyStage {
  if (facts.purchases >= 1 && facts.referralsBought >= 1) return 'advocate';
  if (facts.purchases >= 2) return 'repeat-purchase';
  if (facts.purchases === 1) return 'first-purchase';
  return facts.entries > 0 ? 'expectation' : 'suspicion';
}
