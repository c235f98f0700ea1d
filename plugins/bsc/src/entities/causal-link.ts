import { defineEntity, type EntityRecord, ref, referenceTo, text } from '@rapport/core';

/** Cause and effect between two objectives of one scorecard: progress on `fromId` drives `toId`. */
export interface CausalLink {
  scorecardId: string;
  fromId: string;
  toId: string;
  note?: string;
}

/** A stored causal link. */
export type CausalLinkRecord = EntityRecord<CausalLink>;

/** The `bscLink` entity: an arrow of the strategy map. */
export const CausalLinkEntity = defineEntity<CausalLink>({
  name: 'bscLink',
  plural: 'bscLinks',
  description: 'A cause-and-effect link between two objectives of a scorecard; cycles are refused.',
  schema: {
    type: 'object',
    properties: {
      scorecardId: { ...ref, readOnly: true, description: "Set from the objectives' scorecard." },
      fromId: referenceTo('bscObjective'),
      toId: referenceTo('bscObjective'),
      note: text(500, { minLength: 0 }),
    },
    required: ['fromId', 'toId'],
  },
  indexes: ['scorecardId', { fields: ['fromId', 'toId'], unique: true }],
});
