import { defineEntity, type EntityRecord, enumOf, integerBetween, list, text } from '@rapport/core';
import { ABC_CLASSES, type AbcClass } from '@rapport/plugin-customers';
import { CARE_TRIGGERS, type CareTrigger } from '../vocabulary.js';
import { type CampaignChannelTemplate, CHANNEL_TEMPLATES_SCHEMA } from './campaign.js';

/** Scheduled customer care: a message on an occasion, at a local hour in the customer's time zone. */
export interface CareRule {
  name: string;
  trigger: CareTrigger;
  /** `afterTicketClosed`: days after the ticket closed; `inactivity`: days since the last purchase. */
  days?: number;
  /** Only customers of these ABC classes (`inactivity` defaults to A and B: valuable customers). */
  abcClasses?: AbcClass[];
  /** In order of preference, as on campaigns. */
  channels: CampaignChannelTemplate[];
  /** The local hour (0–23) in the customer's time zone the message goes at; default 9. */
  localHour?: number;
  /** `marketing` (default: consent, quiet hours and caps apply) or `transactional`. */
  purpose?: 'marketing' | 'transactional';
  active?: boolean;
}

/** A stored care rule. */
export type CareRuleRecord = EntityRecord<CareRule>;

/** The `careRule` entity. */
export const CareRuleEntity = defineEntity<CareRule>({
  name: 'careRule',
  plural: 'careRules',
  description:
    'Scheduled customer care: birthday, first-purchase anniversary, N days after a ticket closed, N days of inactivity of a valuable customer; sent at a local hour.',
  schema: {
    type: 'object',
    properties: {
      name: text(),
      trigger: enumOf(CARE_TRIGGERS),
      days: integerBetween(1, 3_650),
      abcClasses: list(enumOf(ABC_CLASSES), 3, { uniqueItems: true }),
      channels: CHANNEL_TEMPLATES_SCHEMA,
      localHour: { ...integerBetween(0, 23), default: 9 },
      purpose: { ...enumOf(['marketing', 'transactional']), default: 'marketing' },
      active: { type: 'boolean', default: true },
    },
    required: ['name', 'trigger', 'channels'],
  },
  indexes: [['active', 'trigger']],
});
