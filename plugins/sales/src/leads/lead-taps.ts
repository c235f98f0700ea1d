import { fieldError, isoTime, isSystemActor, type RegisterContext } from '@rapport/core';
import { normaliseEmail } from '@rapport/plugin-customers';
import type { Lead, LeadRecord } from '../entities/lead.js';
import type { Pipeline } from '../entities/pipeline.js';
import type { SalesOptions } from '../options.js';
import { requirePipeline } from '../pipelines/stages.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';

import { SalesTapStage } from '../tap-stages.js';

/**
 * Rules of `lead`: computed fields (conversion results, last activity) are the plugin's;
 * `converted` is reached only through lead conversion and is final; a disqualified lead says
 * why; a named pipeline exists. The e-mail is trimmed and lower-cased; a new lead that names no
 * owner and that no assignment rule assigned is its creator's, and its last
 * activity starts at its creation. Events: `sales.lead.created`, `sales.lead.statusChanged`.
 */
export function tapLeadRules(ctx: RegisterContext<SalesOptions>): void {
  const hooks = ctx.hooks.entity<Lead>('lead');
  hooks.validate.tapPromise({ name: SALES_PLUGIN_ID, stage: SalesTapStage.checks }, async (write) => {
    if (write.operation === 'delete') return;
    const { record } = write;
    const previous = write.previous as LeadRecord | undefined;
    const system = isSystemActor(write.actor);
    if (previous?.status === 'converted' && record.status !== 'converted') {
      throw fieldError('lead', 'status', 'sales.converted', 'cannot change: the lead is converted');
    }
    if (record.status === 'converted' && previous?.status !== 'converted' && !system) {
      throw fieldError(
        'lead',
        'status',
        'sales.converted',
        `is set by conversion: POST /api/sales/leads/${previous?.id ?? ':id'}/convert turns a qualified lead into a customer, a contact and a deal`,
      );
    }
    if (record.status === 'disqualified' && !record.disqualifiedReason) {
      throw fieldError(
        'lead',
        'disqualifiedReason',
        'sales.reason',
        'is required when a lead is disqualified: say why',
      );
    }
    if (record.pipeline && record.pipeline !== previous?.pipeline) {
      await requirePipeline(write.system<Pipeline>('pipeline'), 'lead', record.pipeline);
    }
  });

  const normalise = async (lead: LeadRecord) =>
    lead.email ? { ...lead, email: normaliseEmail(lead.email) } : lead;
  hooks.beforeCreate.tapPromise(
    { name: SALES_PLUGIN_ID, stage: SalesTapStage.checks },
    async (lead, write) => ({
      ...(await normalise(lead)),
      lastActivityAt: lead.lastActivityAt ?? isoTime(write.now()),
    }),
  );
  // After the assignment rules: a lead nobody assigned is its creator's.
  hooks.beforeCreate.tapPromise(
    { name: SALES_PLUGIN_ID, stage: SalesTapStage.derived },
    async (lead, write) =>
      !lead.ownerId && !isSystemActor(write.actor) ? { ...lead, ownerId: write.actor.id } : lead,
  );
  hooks.beforeUpdate.tapPromise({ name: SALES_PLUGIN_ID, stage: SalesTapStage.checks }, normalise);

  hooks.afterCreate.tapPromise(SALES_PLUGIN_ID, async (lead, write) => {
    write.emit(`${SALES_PLUGIN_ID}.lead.created`, {
      leadId: lead.id,
      source: lead.source,
      status: lead.status ?? 'new',
      ...(lead.ownerId ? { ownerId: lead.ownerId } : {}),
    });
  });
  hooks.afterUpdate.tapPromise(SALES_PLUGIN_ID, async (lead, write) => {
    const from = write.previous?.status ?? 'new';
    const to = lead.status ?? 'new';
    if (from !== to) write.emit(`${SALES_PLUGIN_ID}.lead.statusChanged`, { leadId: lead.id, from, to });
  });
}
