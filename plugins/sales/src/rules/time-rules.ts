import { ConflictError, isoTime, type Kernel, SYSTEM_ACTOR, type Where } from '@rapport/core';
import type { Activity } from '../entities/activity.js';
import type { SalesRuleFiring, SalesRuleState, SalesRuleStateRecord } from '../entities/rule-state.js';
import type { SalesRule, SalesRuleRecord } from '../entities/sales-rule.js';
import { DAY_MS } from '../options.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';
import { OPEN_LEAD_STATUSES, TIME_TRIGGERS, type TriggerType } from '../vocabulary.js';
import { loadRules } from './load-rules.js';
import { planActions } from './plan-actions.js';
import { takeTurn } from './round-robin.js';
import { entityOf, type RuleEntity, ruleWhere, schemaSource } from './rule-targets.js';

const PAGE = 200;

/** What one run of the time rules did. */
export interface TimeRulesReport {
  /** Rules evaluated. */
  rules: number;
  /** Firings (rule × record × occasion) that ran their actions. */
  fired: number;
  /** Records that matched but had already fired for that occasion. */
  skipped: number;
  /** Firings that failed (logged); their rule scans the same window again next run. */
  failed: number;
}

/** The `where` of a time trigger's candidates, plus the field holding the occasion. */
function candidates(
  rule: SalesRuleRecord,
  now: number,
  scannedUntil: number | undefined,
): { where: Where; occasion: string } {
  const trigger = rule.trigger;
  if (trigger.type === 'deal.closeDatePassed') {
    const today = isoTime(now).slice(0, 10);
    const since = scannedUntil === undefined ? undefined : isoTime(scannedUntil).slice(0, 10);
    return {
      where: {
        outcome: { exists: false },
        expectedCloseDate: since === undefined ? { lt: today } : { lt: today, gte: since },
      },
      occasion: 'expectedCloseDate',
    };
  }
  const idleMs = (trigger.days ?? 1) * DAY_MS;
  const cutoff = isoTime(now - idleMs);
  const lower = scannedUntil === undefined ? undefined : isoTime(scannedUntil - idleMs);
  const open: Where =
    entityOf(trigger) === 'lead'
      ? { status: { in: [...OPEN_LEAD_STATUSES] } }
      : { outcome: { exists: false } };
  return {
    where: { ...open, lastActivityAt: lower === undefined ? { lt: cutoff } : { lt: cutoff, gte: lower } },
    occasion: 'lastActivityAt',
  };
}

async function stateOf(kernel: Kernel, ruleId: string): Promise<SalesRuleStateRecord | undefined> {
  const { items } = await kernel
    .data<SalesRuleState>('salesRuleState', { actor: SYSTEM_ACTOR })
    .find({ where: { ruleId }, limit: 1 });
  return items[0] as SalesRuleStateRecord | undefined;
}

/** Runs one rule's actions for one record and occasion, once: the firing record is unique. */
async function fire(
  kernel: Kernel,
  rule: SalesRuleRecord,
  entity: RuleEntity,
  record: Record<string, unknown> & { id: string },
  key: string,
  now: number,
): Promise<boolean> {
  try {
    return await kernel.transaction(async (tx) => {
      const system = <T>(name: string) => tx.data<T>(name, { actor: SYSTEM_ACTOR });
      const firings = system<SalesRuleFiring>('salesRuleFiring');
      if ((await firings.count({ ruleId: rule.id, recordId: record.id, key })) > 0) return false;
      await firings.create({ ruleId: rule.id, entity, recordId: record.id, key, firedAt: isoTime(now) });
      const plan = await planActions(rule, entity, record, {
        now,
        turn: (ruleId) => takeTurn(system<SalesRuleState>('salesRuleState'), ruleId),
      });
      if (Object.keys(plan.patch).length > 0) await system(entity).update(record.id, plan.patch);
      for (const activity of plan.activities) await system<Activity>('activity').create(activity);
      for (const event of plan.events) tx.emit(event.name, event.payload, { actor: SYSTEM_ACTOR });
      tx.emit(
        `${SALES_PLUGIN_ID}.rule.fired`,
        { ruleId: rule.id, trigger: rule.trigger.type, entity, id: record.id, key },
        { actor: SYSTEM_ACTOR },
      );
      return true;
    });
  } catch (error) {
    // Another process fired it first: its firing record stands.
    if (error instanceof ConflictError && (await alreadyFired(kernel, rule.id, record.id, key))) return false;
    throw error;
  }
}

async function alreadyFired(kernel: Kernel, ruleId: string, recordId: string, key: string): Promise<boolean> {
  const firings = kernel.data<SalesRuleFiring>('salesRuleFiring', { actor: SYSTEM_ACTOR });
  return (await firings.count({ ruleId, recordId, key })) > 0;
}

/** Runs one time rule over the records whose occasion came since its last scan. */
async function runRule(
  kernel: Kernel,
  rule: SalesRuleRecord,
  now: number,
  report: TimeRulesReport,
): Promise<void> {
  const entity = entityOf(rule.trigger);
  let filter: ReturnType<typeof ruleWhere>;
  try {
    filter = ruleWhere(schemaSource(kernel), entity, rule.where);
  } catch (error) {
    kernel.logger.warn({ err: error, ruleId: rule.id }, 'automation rule skipped: its filter no longer fits');
    return;
  }
  const state = await stateOf(kernel, rule.id);
  const scannedUntil = state?.scannedUntil ? Date.parse(state.scannedUntil) : undefined;
  const { where, occasion } = candidates(rule, now, scannedUntil);
  const repo = kernel.data<Record<string, unknown>>(entity, { actor: SYSTEM_ACTOR });
  const query = { and: [where, ...(filter && rule.where ? [rule.where] : [])] } as Where;
  let cursor: string | undefined;
  let failed = 0;
  do {
    const page = await repo.find({ where: query, sort: ['id'], limit: PAGE, ...(cursor ? { cursor } : {}) });
    for (const record of page.items) {
      const key = String(record[occasion]);
      try {
        const target = record as Record<string, unknown> & { id: string };
        if (await fire(kernel, rule, entity, target, key, now)) report.fired += 1;
        else report.skipped += 1;
      } catch (error) {
        // One record's failure (a concurrent edit, an action its data refuses) must not stop
        // the others; the window is scanned again next run, and the firing record keeps it once.
        failed += 1;
        kernel.logger.warn(
          { err: error, ruleId: rule.id, recordId: record.id },
          'automation rule could not fire',
        );
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  report.failed += failed;
  if (failed === 0) await markScanned(kernel, rule.id, now);
}

async function markScanned(kernel: Kernel, ruleId: string, now: number): Promise<void> {
  const states = kernel.data<SalesRuleState>('salesRuleState', { actor: SYSTEM_ACTOR });
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const state = await stateOf(kernel, ruleId);
    try {
      if (!state) await states.create({ ruleId, turn: 0, scannedUntil: isoTime(now) });
      else await states.update(state.id, { scannedUntil: isoTime(now) }, { expectedVersion: state.version });
      return;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}

/**
 * Runs the time-triggered rules (`deal.idle`, `lead.idle`, `deal.closeDatePassed`) at `now`:
 * the job `sales.timeRules` calls it every `timeRulesEvery` on the kernel clock. Each rule scans
 * only the records whose occasion arrived since its previous scan (an idle threshold crossed, a
 * close date passed) — all of them on its first run — with its `where` pushed down to the store,
 * and fires once per record and occasion (a `salesRuleFiring` record, unique): an idle deal fires
 * again only after new activity and another N idle days; a close date fires again only when it
 * is moved and passes again. Each firing is one transaction.
 */
export async function runTimeRules(kernel: Kernel, now = kernel.clock.now()): Promise<TimeRulesReport> {
  const report: TimeRulesReport = { rules: 0, fired: 0, skipped: 0, failed: 0 };
  const rules = kernel.data<SalesRule>('salesRule', { actor: SYSTEM_ACTOR });
  for (const type of TIME_TRIGGERS as TriggerType[]) {
    for (const rule of await loadRules(rules, type)) {
      report.rules += 1;
      await runRule(kernel, rule, now, report);
    }
  }
  return report;
}
