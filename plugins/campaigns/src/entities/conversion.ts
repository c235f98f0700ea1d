import { dateTime, defineEntity, type EntityRecord, enumOf, money, ref } from '@rapport/core';
import type { Money } from '@rapport/plugin-customers';
import { CONVERSION_KINDS, type ConversionKind, CREDIT_RULES, type CreditRule } from '../vocabulary.js';

/** A lead, deal or order credited to one campaign — once: the record is unique across campaigns. */
export interface Conversion {
  campaignId: string;
  /** The member credited; none when a code brought someone outside the audience. */
  memberId?: string;
  customerId?: string;
  kind: ConversionKind;
  recordId: string;
  /** When the lead, deal or order happened. */
  at: string;
  /** An order's total or a won deal's amount; none for leads. */
  revenue?: Money;
  /** The member was in the control group (counted for lift, not as the campaign's revenue). */
  control: boolean;
  rule: CreditRule;
}

/** A stored conversion. */
export type ConversionRecord = EntityRecord<Conversion>;

/** The `campaignConversion` entity: written by the plugin only. */
export const ConversionEntity = defineEntity<Conversion>({
  name: 'campaignConversion',
  plural: 'campaignConversions',
  description:
    'A lead, deal or order credited to one campaign (by code, else the last campaign that reached the customer within its window, else a control group they were in).',
  schema: {
    type: 'object',
    properties: {
      campaignId: ref,
      memberId: ref,
      customerId: ref,
      kind: enumOf(CONVERSION_KINDS),
      recordId: ref,
      at: dateTime,
      revenue: money(),
      control: { type: 'boolean' },
      rule: enumOf(CREDIT_RULES),
    },
    required: ['campaignId', 'kind', 'recordId', 'at', 'control', 'rule'],
  },
  indexes: [{ fields: ['kind', 'recordId'], unique: true }, ['campaignId', 'control'], 'memberId'],
});
