import { dateTime, defineEntity, type EntityRecord, ref, text } from '@rapport/core';
import { MONEY_SCHEMA, type Money } from './money.js';
import { VALUE_KINDS, type ValueKind } from './vocabulary.js';

/**
 * One value event for a customer — an order, a refund, an invoice from the ERP. Other plugins
 * (sales orders) write these; ABC classes, RFM scores and lifecycle stages are computed from
 * them with store aggregates. Immutable once written, except that a merge moves them.
 */
export interface CustomerValue {
  customerId: string;
  /** Integer minor units in the plugin's reporting currency; refunds are negative. */
  amount: Money;
  /** When the value was earned (the order date). */
  at: string;
  /** Default `purchase`: only purchases count towards frequency and lifecycle. */
  kind?: ValueKind;
  /** Who reported it (`sales.order`, `erp`); with `sourceId` a unique key, so re-reporting is harmless. */
  source?: string;
  sourceId?: string;
}

/** A stored value record. */
export type CustomerValueRecord = EntityRecord<CustomerValue & { kind: ValueKind }>;

/** The `customerValue` entity. */
export const CustomerValueEntity = defineEntity<CustomerValue>({
  name: 'customerValue',
  plural: 'customerValues',
  description:
    'A value event for a customer (order, refund, invoice) in the reporting currency; the input of ABC, RFM and lifecycle.',
  schema: {
    type: 'object',
    properties: {
      customerId: ref,
      amount: MONEY_SCHEMA,
      at: dateTime,
      kind: { type: 'string', enum: [...VALUE_KINDS], default: 'purchase' },
      source: text(100),
      sourceId: text(200),
    },
    required: ['customerId', 'amount', 'at'],
  },
  indexes: [['customerId', 'at'], 'at', { fields: ['source', 'sourceId'], unique: true }],
});
