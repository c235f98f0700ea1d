import { fieldError, isoTime, isSystemActor, type RegisterContext, type WriteContext } from '@rapport/core';
import type { Activity, ActivityRecord } from '../entities/activity.js';
import type { Deal, DealRecord } from '../entities/deal.js';
import type { Lead, LeadRecord } from '../entities/lead.js';
import type { SalesOptions } from '../options.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';
import { requireCustomer, requireRecord } from '../references.js';
import { SalesTapStage } from '../tap-stages.js';

/** Moves `lastActivityAt` of the activity's deal and lead forward to `at` (as the system). */
async function touch(
  write: Pick<WriteContext, 'system'>,
  activity: ActivityRecord,
  at: string,
): Promise<void> {
  for (const [entity, id] of [
    ['deal', activity.dealId],
    ['lead', activity.leadId],
  ] as const) {
    if (!id) continue;
    const repo = write.system<{ lastActivityAt?: string }>(entity);
    const record = await repo.get(id);
    if (!record.lastActivityAt || record.lastActivityAt < at) await repo.update(id, { lastActivityAt: at });
  }
}

/**
 * Rules of `activity`: linked to at least one lead, deal or customer that exists (and that the
 * writer may see); the customer defaults to the deal's (or the converted lead's) and must match
 * it; the owner defaults to the deal's or lead's owner, else the writer; `doneAt` is stamped when
 * it is marked done (an activity logged already done with a past due time was done then).
 * Logging an activity (except the reminders automation creates) and completing one count as
 * activity on its deal and lead: their `lastActivityAt` moves, which the no-activity triggers
 * watch. Events: `sales.activity.created`, `sales.activity.completed`.
 */
export function tapActivityRules(ctx: RegisterContext<SalesOptions>): void {
  const hooks = ctx.hooks.entity<Activity>('activity');
  hooks.validate.tapPromise({ name: SALES_PLUGIN_ID, stage: SalesTapStage.checks }, async (write) => {
    if (write.operation === 'delete') return;
    const { record } = write;
    const previous = write.previous as ActivityRecord | undefined;
    if (!record.leadId && !record.dealId && !record.customerId) {
      throw fieldError(
        'activity',
        'dealId',
        'sales.link',
        'an activity is linked to a lead, a deal or a customer: give leadId, dealId or customerId',
      );
    }
    if (record.dealId && record.dealId !== previous?.dealId) {
      const deal = await requireRecord<Deal>(write, 'activity', 'deal', record.dealId, 'dealId');
      if (record.customerId && record.customerId !== deal.customerId) {
        throw fieldError(
          'activity',
          'customerId',
          'sales.link',
          `is not the customer of deal '${deal.id}' (${deal.customerId})`,
        );
      }
    }
    if (record.leadId && record.leadId !== previous?.leadId) {
      await requireRecord<Lead>(write, 'activity', 'lead', record.leadId, 'leadId');
    }
    if (record.customerId && record.customerId !== previous?.customerId) {
      await requireCustomer(write, 'activity', record.customerId);
    }
  });

  const defaults = async (
    activity: ActivityRecord,
    write: WriteContext<Activity>,
  ): Promise<ActivityRecord> => {
    const next = { ...activity };
    const previous = write.previous as ActivityRecord | undefined;
    if (!previous) {
      const deal = next.dealId
        ? ((await write.system<Deal>('deal').get(next.dealId)) as DealRecord)
        : undefined;
      const lead = next.leadId
        ? ((await write.system<Lead>('lead').get(next.leadId)) as LeadRecord)
        : undefined;
      next.customerId ??= deal?.customerId ?? lead?.customerId;
      next.ownerId ??=
        deal?.ownerId ?? lead?.ownerId ?? (isSystemActor(write.actor) ? undefined : write.actor.id);
      if (next.customerId === undefined) delete next.customerId;
      if (next.ownerId === undefined) delete next.ownerId;
    }
    if (next.done && !previous?.done) next.doneAt = isoTime(write.now());
    // Logged as already done (history, an import): it happened when it was due, if that is past.
    if (next.done && !previous && next.dueAt && Date.parse(next.dueAt) <= write.now()) {
      next.doneAt = isoTime(Date.parse(next.dueAt));
    }
    if (!next.done) delete next.doneAt;
    return next;
  };
  hooks.beforeCreate.tapPromise({ name: SALES_PLUGIN_ID, stage: SalesTapStage.stage }, defaults);
  hooks.beforeUpdate.tapPromise({ name: SALES_PLUGIN_ID, stage: SalesTapStage.stage }, defaults);

  hooks.afterCreate.tapPromise(SALES_PLUGIN_ID, async (activity, write) => {
    const record = activity as ActivityRecord;
    if (!record.ruleId || record.done) await touch(write, record, record.doneAt ?? isoTime(write.now()));
    write.emit(`${SALES_PLUGIN_ID}.activity.created`, {
      activityId: record.id,
      type: record.type,
      ...(record.dealId ? { dealId: record.dealId } : {}),
      ...(record.leadId ? { leadId: record.leadId } : {}),
      ...(record.customerId ? { customerId: record.customerId } : {}),
      ...(record.ruleId ? { ruleId: record.ruleId } : {}),
    });
  });
  hooks.afterUpdate.tapPromise(SALES_PLUGIN_ID, async (activity, write) => {
    const record = activity as ActivityRecord;
    if (!record.done || write.previous?.done) return;
    await touch(write, record, isoTime(write.now()));
    write.emit(`${SALES_PLUGIN_ID}.activity.completed`, {
      activityId: record.id,
      type: record.type,
      ...(record.dealId ? { dealId: record.dealId } : {}),
      ...(record.leadId ? { leadId: record.leadId } : {}),
    });
  });
}
