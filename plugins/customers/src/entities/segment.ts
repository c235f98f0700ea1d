import { defineEntity, type EntityRecord, ref, text, type Where, whereFilter } from '@rapport/core';

/** A saved query over customers; its member count is computed live, as the reader sees it. */
export interface Segment {
  name: string;
  description?: string;
  /** A `where` of the query language over `customer` fields (`{ abcClass: 'A', 'objective.country': 'DE' }`). */
  where: Where;
  ownerId?: string;
}

/** A stored segment. */
export type SegmentRecord = EntityRecord<Segment>;

/** The `segment` entity. */
export const SegmentEntity = defineEntity<Segment>({
  name: 'segment',
  plural: 'segments',
  description: 'A saved query over customers (by value, relationship, loyalty, behaviour) with a live count.',
  schema: {
    type: 'object',
    properties: {
      name: text(),
      description: text(2_000, { minLength: 0 }),
      where: whereFilter,
      ownerId: ref,
    },
    required: ['name', 'where'],
  },
  indexes: [{ fields: ['name'], unique: true }],
});
