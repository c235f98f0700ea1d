import {
  count,
  dateTime,
  defineEntity,
  type EntityRecord,
  jsonObject,
  list,
  MAX_ACTOR_ID_LENGTH,
  ref,
  referenceTo,
  text,
} from '@rapport/core';

/**
 * The audit trail of one merge, written in the merge's transaction beside the kernel's own
 * audit records: who merged which customer into which, what moved, and the merged record as it
 * was (its phone and e-mail included, which the survivor may not have taken over).
 */
export interface CustomerMerge {
  survivorId: string;
  mergedId: string;
  /** The actor who asked for the merge. */
  actorId: string;
  at: string;
  /** Records moved onto the survivor, by entity (`{ contact: 2, interaction: 14, deal: 1 }`). */
  moved: Record<string, number>;
  /** Fields the survivor took over from the merged record because it had none. */
  filled: string[];
  /** The merged customer as it was just before the merge. */
  mergedRecord: Record<string, unknown>;
}

/** A stored merge record. */
export type CustomerMergeRecord = EntityRecord<CustomerMerge>;

/** The `customerMerge` entity (read-only over the API: only a merge writes it). */
export const CustomerMergeEntity = defineEntity<CustomerMerge>({
  name: 'customerMerge',
  plural: 'customerMerges',
  description: 'The audit trail of a customer merge. Written only by the merge itself.',
  schema: {
    type: 'object',
    properties: {
      survivorId: referenceTo('customer'),
      mergedId: ref,
      actorId: text(MAX_ACTOR_ID_LENGTH),
      at: dateTime,
      moved: { type: 'object', additionalProperties: count, maxProperties: 1_000 },
      filled: list(text(200), 1_000),
      mergedRecord: jsonObject(1_000),
    },
    required: ['survivorId', 'mergedId', 'actorId', 'at', 'moved', 'filled', 'mergedRecord'],
  },
  indexes: ['survivorId', 'mergedId'],
});
