import { dateTime, days, defineEntity, type EntityRecord, key, ref } from '@rapport/core';
import { STAGE_KINDS, type StageKind } from '../vocabulary.js';

/**
 * One stay of a deal in a stage: written by the plugin in the deal's own transaction when the
 * deal enters a stage, closed (`leftAt`, `days`) when it leaves. Velocity is `avg:days` over these.
 */
export interface DealStageChange {
  dealId: string;
  customerId: string;
  pipeline: string;
  stage: string;
  /** The kind of the stage when it was entered. */
  stageKind: StageKind;
  enteredAt: string;
  leftAt?: string;
  /** Days spent in the stage (fractional), once left. */
  days?: number;
  ownerId?: string;
}

/** A stored stage change. */
export type DealStageChangeRecord = EntityRecord<DealStageChange>;

/** The `dealStageChange` entity (read-only to everyone but the plugin). */
export const DealStageChangeEntity = defineEntity<DealStageChange>({
  name: 'dealStageChange',
  plural: 'dealStageChanges',
  description:
    "A deal's stay in one stage (entered, left, days): the stage history velocity is computed from.",
  schema: {
    type: 'object',
    properties: {
      dealId: ref,
      customerId: ref,
      pipeline: key,
      stage: key,
      stageKind: { type: 'string', enum: [...STAGE_KINDS] },
      enteredAt: dateTime,
      leftAt: dateTime,
      days,
      ownerId: ref,
    },
    required: ['dealId', 'customerId', 'pipeline', 'stage', 'stageKind', 'enteredAt'],
  },
  indexes: [
    ['dealId', 'leftAt'],
    ['pipeline', 'leftAt'],
    ['customerId', 'enteredAt'],
  ],
});
