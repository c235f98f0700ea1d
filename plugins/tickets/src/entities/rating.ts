import { dateTime, defineEntity, type EntityRecord, integerBetween, key, ref, text } from '@rapport/core';

/** The customer's 1–5 rating of a resolved ticket, answered through a single-use link. */
export interface Rating {
  ticketId: string;
  customerId: string;
  score: number;
  comment?: string;
  ratedAt: string;
  /** The assignee when the link was issued (an automation may reassign before the answer). */
  assigneeId?: string;
  /** The ticket's team when it was rated (the record rule "my team's tickets" scopes ratings by it). */
  team?: string;
}

/** A stored rating. */
export type RatingRecord = EntityRecord<Rating>;

/** The `ticketRating` entity: one per ticket (unique), written by the plugin only. */
export const RatingEntity = defineEntity<Rating>({
  name: 'ticketRating',
  plural: 'ticketRatings',
  description: "A customer's 1–5 rating and comment of a resolved ticket, one per ticket.",
  schema: {
    type: 'object',
    properties: {
      ticketId: ref,
      customerId: ref,
      score: integerBetween(1, 5),
      comment: text(2_000, { minLength: 0 }),
      ratedAt: dateTime,
      assigneeId: ref,
      team: key,
    },
    required: ['ticketId', 'customerId', 'score', 'ratedAt'],
  },
  indexes: [{ fields: ['ticketId'], unique: true }, 'customerId', 'ratedAt', 'team'],
});
