import {
  type Logger,
  matchesWhere,
  type RegisterContext,
  type WhereNode,
  type WriteContext,
} from '@rapport/core';
import type { Activity } from '../entities/activity.js';
import type { Deal, DealRecord } from '../entities/deal.js';
import type { Lead } from '../entities/lead.js';
import type { SalesRuleState } from '../entities/rule-state.js';
import type { SalesRule, SalesRuleRecord } from '../entities/sales-rule.js';
import type { SalesOptions } from '../options.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';
import { SalesTapStage } from '../tap-stages.js';
import type { TriggerType } from '../vocabulary.js';
import { loadRules } from './load-rules.js';
import { type ActionPlan, planActions } from './plan-actions.js';
import { takeTurn } from './round-robin.js';
import { type RuleEntity, ruleWhere } from './rule-targets.js';

/** What a write's rules left for its `after*` taps: activities and events need the stored record. */
interface Deferred {
  plan: ActionPlan;
  fired: Array<{ ruleId: string; trigger: TriggerType }>;
}

/** The rule's filter as a tree, or `false` (logged) when a stored filter no longer fits the entity. */
function compiledWhere(
  write: WriteContext<never>,
  logger: Logger,
  entity: RuleEntity,
  rule: SalesRuleRecord,
): WhereNode | undefined | false {
  try {
    return ruleWhere(write.schemaOf, entity, rule.where);
  } catch (error) {
    logger.warn({ err: error, ruleId: rule.id }, 'automation rule skipped: its filter no longer fits');
    return false;
  }
}

/** Does a `deal.stageChanged` rule's from/to fit this change? */
function fitsStageChange(rule: SalesRuleRecord, previous: DealRecord | undefined, deal: DealRecord): boolean {
  if (rule.trigger.type !== 'deal.stageChanged') return true;
  if (rule.trigger.from && previous?.stage !== rule.trigger.from) return false;
  return !rule.trigger.to || deal.stage === rule.trigger.to;
}

/**
 * Event-triggered automation (`lead.created`, `deal.stageChanged`, `deal.won`) runs inside the
 * write that sets it off, so the rule's effects commit or roll back with it, and the caller gets
 * the record back already assigned. In `before*` (after the stage rules, before the derived
 * numbers) each enabled rule of the trigger whose `where` matches the record plans its actions:
 * owner and field changes go into the record; round-robin takes its turn in the same
 * transaction. In `after*` the planned activities are created and events emitted, plus one
 * `sales.rule.fired` per rule that fired.
 */
export function tapEventRules(ctx: RegisterContext<SalesOptions>): void {
  const deferred = new WeakMap<object, Deferred>();

  async function apply<T extends { id: string }>(
    entity: RuleEntity,
    triggers: TriggerType[],
    record: T,
    write: WriteContext<never>,
  ): Promise<T> {
    if (triggers.length === 0) return record;
    const plan: ActionPlan = { patch: {}, activities: [], events: [] };
    const fired: Deferred['fired'] = [];
    const context = {
      now: write.now(),
      turn: (ruleId: string) => takeTurn(write.system<SalesRuleState>('salesRuleState'), ruleId),
    };
    for (const trigger of triggers) {
      for (const rule of await loadRules(write.system<SalesRule>('salesRule'), trigger)) {
        if (
          entity === 'deal' &&
          !fitsStageChange(rule, write.previous as DealRecord | undefined, record as never)
        )
          continue;
        const where = compiledWhere(write, ctx.logger, entity, rule);
        if (where === false || !matchesWhere({ ...record, ...plan.patch }, where)) continue;
        await planActions(rule, entity, record as T & Record<string, unknown>, context, plan);
        fired.push({ ruleId: rule.id, trigger });
      }
    }
    if (fired.length === 0) return record;
    deferred.set(write, { plan, fired });
    return { ...record, ...plan.patch };
  }

  async function flush(
    record: { id: string },
    write: WriteContext<never>,
    entity: RuleEntity,
  ): Promise<void> {
    const pending = deferred.get(write);
    if (!pending) return;
    deferred.delete(write);
    const activities = write.system<Activity>('activity');
    for (const activity of pending.plan.activities) await activities.create(activity);
    for (const event of pending.plan.events) write.emit(event.name, event.payload);
    for (const { ruleId, trigger } of pending.fired) {
      write.emit(`${SALES_PLUGIN_ID}.rule.fired`, { ruleId, trigger, entity, id: record.id });
    }
  }

  const before = { name: SALES_PLUGIN_ID, stage: SalesTapStage.rules };
  const leads = ctx.hooks.entity<Lead>('lead');
  leads.beforeCreate.tapPromise(before, (lead, write) =>
    apply('lead', ['lead.created'], lead, write as never),
  );
  leads.afterCreate.tapPromise(before, (lead, write) => flush(lead, write as never, 'lead'));

  const deals = ctx.hooks.entity<Deal>('deal');
  deals.beforeCreate.tapPromise(before, (deal, write) =>
    apply('deal', deal.outcome === 'won' ? ['deal.won'] : [], deal, write as never),
  );
  deals.beforeUpdate.tapPromise(before, (deal, write) => {
    const previous = write.previous as DealRecord | undefined;
    const triggers: TriggerType[] = [];
    if (previous && (previous.stage !== deal.stage || previous.pipeline !== deal.pipeline)) {
      triggers.push('deal.stageChanged');
    }
    if (deal.outcome === 'won' && previous?.outcome !== 'won') triggers.push('deal.won');
    return apply('deal', triggers, deal, write as never);
  });
  deals.afterCreate.tapPromise(before, (deal, write) => flush(deal, write as never, 'deal'));
  deals.afterUpdate.tapPromise(before, (deal, write) => flush(deal, write as never, 'deal'));
}
