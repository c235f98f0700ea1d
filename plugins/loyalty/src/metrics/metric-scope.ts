import type { MetricContext, Where } from '@rapport/core';

/** The `programmeId` parameter every loyalty metric takes. */
export const PROGRAMME_PARAMETER = { type: 'string', maxLength: 64, description: 'Only this programme.' };

/** The parameters of a loyalty metric narrowed only by programme. */
export const PARAMETERS = { properties: { programmeId: PROGRAMME_PARAMETER } };

/** The `where` of the metric's `programmeId` parameter (none: every programme). */
export const scope = (context: MetricContext): Where =>
  typeof context.params.programmeId === 'string' ? { programmeId: context.params.programmeId } : {};
