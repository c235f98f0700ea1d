import { computed, dateTime, defineEntity, type EntityRecord, ref, referenceTo, text } from '@rapport/core';
import { ACTIVITY_TYPES, type ActivityType } from '../vocabulary.js';

/** A call, meeting, task or e-mail, linked to a lead, a deal or a customer. */
export interface Activity {
  type: ActivityType;
  subject: string;
  notes?: string;
  dueAt?: string;
  /** Default false. */
  done?: boolean;
  /** Computed: when it was marked done. */
  doneAt?: string;
  leadId?: string;
  dealId?: string;
  /** Defaults to the deal's (or converted lead's) customer. */
  customerId?: string;
  ownerId?: string;
  /** Computed: the automation rule that created it. */
  ruleId?: string;
}

/** A stored activity. */
export type ActivityRecord = EntityRecord<Activity>;

/** Fields of an activity only the plugin writes. */
export const COMPUTED_ACTIVITY_FIELDS = ['doneAt', 'ruleId'] as const;

/** The `activity` entity. */
export const ActivityEntity = defineEntity<Activity>({
  name: 'activity',
  plural: 'activities',
  description: 'A call, meeting, task or e-mail with a due date, linked to a lead, a deal or a customer.',
  schema: {
    type: 'object',
    properties: {
      type: { type: 'string', enum: [...ACTIVITY_TYPES] },
      subject: text(),
      notes: text(5_000, { minLength: 0 }),
      dueAt: dateTime,
      done: { type: 'boolean', default: false },
      doneAt: computed(dateTime),
      leadId: ref,
      dealId: ref,
      customerId: ref,
      ownerId: ref,
      ruleId: computed(referenceTo('salesRule')),
    },
    required: ['type', 'subject'],
  },
  indexes: ['dealId', 'leadId', 'customerId', ['ownerId', 'done', 'dueAt']],
  search: ['subject'],
});
