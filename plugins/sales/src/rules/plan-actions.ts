import { getPath, isoTime, type JsonValue } from '@rapport/core';
import type { Activity } from '../entities/activity.js';
import type { RuleAction, SalesRuleRecord } from '../entities/sales-rule.js';
import { DAY_MS } from '../options.js';
import type { RuleEntity } from './rule-targets.js';

/** What running a rule's actions on one record amounts to. */
export interface ActionPlan {
  /** Field changes on the record itself (assignOwner, setField). */
  patch: Record<string, unknown>;
  /** Activities to create (createActivity). */
  activities: Activity[];
  /** Events to emit (emitEvent), each with the rule and record in the payload. */
  events: Array<{ name: string; payload: Record<string, unknown> }>;
}

/** What planning needs from the write it runs in. */
export interface PlanContext {
  now: number;
  /** Takes the rule's next round-robin turn (in the write's transaction). */
  turn(ruleId: string): Promise<number>;
}

async function ownerFor(
  action: RuleAction,
  rule: SalesRuleRecord,
  record: Record<string, unknown>,
  context: PlanContext,
): Promise<string | undefined> {
  if (action.onlyIfUnassigned && record.ownerId) return undefined;
  if (action.ownerId) return action.ownerId;
  if (action.roundRobin && action.roundRobin.length > 0) {
    const turn = await context.turn(rule.id);
    return action.roundRobin[turn % action.roundRobin.length];
  }
  if (action.byField && action.map) {
    const value = getPath(record, action.byField);
    const key = value === undefined || value === null ? undefined : String(value);
    return (key !== undefined ? action.map[key] : undefined) ?? action.fallback;
  }
  return undefined;
}

/**
 * Plans one rule's actions on one record, in order: each action sees the record as the actions
 * before it left it (an activity is owned by the owner just assigned). Pure apart from the
 * round-robin turn.
 */
export async function planActions(
  rule: SalesRuleRecord,
  entity: RuleEntity,
  record: Record<string, unknown> & { id: string },
  context: PlanContext,
  plan: ActionPlan = { patch: {}, activities: [], events: [] },
): Promise<ActionPlan> {
  const current = (): Record<string, unknown> => ({ ...record, ...plan.patch });
  for (const action of rule.actions) {
    switch (action.type) {
      case 'assignOwner': {
        const owner = await ownerFor(action, rule, current(), context);
        if (owner) plan.patch.ownerId = owner;
        break;
      }
      case 'setField':
        if (action.field) plan.patch[action.field] = structuredClone(action.value as JsonValue);
        break;
      case 'createActivity': {
        const template = action.activity;
        if (!template) break;
        const owner = template.ownerId ?? (current().ownerId as string | undefined);
        plan.activities.push({
          type: template.type,
          subject: template.subject,
          ...(template.notes ? { notes: template.notes } : {}),
          dueAt: isoTime(context.now + (template.dueInDays ?? 0) * DAY_MS),
          done: false,
          ...(entity === 'deal' ? { dealId: record.id } : { leadId: record.id }),
          ...(owner ? { ownerId: owner } : {}),
          ruleId: rule.id,
        });
        break;
      }
      case 'emitEvent':
        if (action.event) {
          plan.events.push({
            name: action.event,
            payload: {
              ...(action.payload ?? {}),
              ruleId: rule.id,
              trigger: rule.trigger.type,
              entity,
              id: record.id,
            },
          });
        }
        break;
    }
  }
  return plan;
}
