import { fieldError, type RegisterContext } from '@rapport/core';
import { NPS_PLUGIN_ID } from './plugin-id.js';
import type { NpsResponse } from './response-entity.js';

/** Clock skew tolerated for an answer time that must not lie in the future. */
const SKEW_MS = 5 * 60_000;

/**
 * Rules beyond the schema, inside the write's transaction: an answer names an existing customer,
 * and was not given in the future. Each refusal is a 400 naming the field and the rule.
 */
export function tapResponseRules(ctx: RegisterContext): void {
  ctx.hooks.entity<NpsResponse>('npsResponse').validate.tapPromise(NPS_PLUGIN_ID, async (write) => {
    if (write.operation === 'delete') return;
    const { record, previous } = write;
    if (!previous || previous.customerId !== record.customerId) {
      if ((await write.system('customer').count({ id: record.customerId })) === 0) {
        throw fieldError('npsResponse', 'customerId', `${NPS_PLUGIN_ID}.customer`, 'is not a customer');
      }
    }
    if (Date.parse(record.answeredAt) > write.now() + SKEW_MS) {
      throw fieldError('npsResponse', 'answeredAt', `${NPS_PLUGIN_ID}.time`, 'lies in the future');
    }
  });
}
