import type { Repository } from '@rapport/core';
import type { SalesRule, SalesRuleRecord } from '../entities/sales-rule.js';
import type { TriggerType } from '../vocabulary.js';

/** Most rules of one trigger that run (in `order`, then id). */
export const MAX_RULES_PER_TRIGGER = 200;

/** The enabled rules of a trigger, in the order they run. */
export async function loadRules(rules: Repository<SalesRule>, type: TriggerType): Promise<SalesRuleRecord[]> {
  const { items } = await rules.find({
    where: { 'trigger.type': type, enabled: true },
    sort: ['order', 'id'],
    limit: MAX_RULES_PER_TRIGGER,
  });
  return items as SalesRuleRecord[];
}
