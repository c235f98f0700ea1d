import { computed, dateTime, defineEntity, type EntityRecord, ref, text } from '@rapport/core';
import { AMOUNT_SCHEMA, LINE_SCHEMA, type Money, type SalesLine } from '../money.js';
import { ORDER_SOURCES, ORDER_STATUSES, type OrderSource, type OrderStatus } from '../vocabulary.js';

/** An order: created when a deal is won, or imported from an ERP. */
export interface Order {
  customerId: string;
  /** The won deal it came from. */
  dealId?: string;
  lines?: SalesLine[];
  /** Computed from the lines when lines are given; required otherwise. */
  total?: Money;
  /** When it was placed; default now. */
  date?: string;
  /** Default `placed`; `cancelled` refunds its value. A cancelled order stays cancelled. */
  status?: OrderStatus;
  /** Default `manual`; `deal` for orders of won deals. */
  source?: OrderSource;
  /** The ERP's order number: unique per source, so re-importing is refused (409), not doubled. */
  externalId?: string;
  ownerId?: string;
  cancelReason?: string;
  /** Computed: when it was cancelled. */
  cancelledAt?: string;
}

/** A stored order. */
export type OrderRecord = EntityRecord<Order>;

/** The `order` entity. */
export const OrderEntity = defineEntity<Order>({
  name: 'order',
  plural: 'orders',
  description: 'An order of a customer: lines, total, date; from a won deal or imported from an ERP.',
  schema: {
    type: 'object',
    properties: {
      customerId: ref,
      dealId: ref,
      lines: { type: 'array', items: LINE_SCHEMA, maxItems: 500 },
      total: AMOUNT_SCHEMA,
      date: dateTime,
      status: { type: 'string', enum: [...ORDER_STATUSES], default: 'placed' },
      source: { type: 'string', enum: [...ORDER_SOURCES], default: 'manual' },
      externalId: text(200),
      ownerId: ref,
      cancelReason: text(1000),
      cancelledAt: computed(dateTime),
    },
    required: ['customerId'],
  },
  indexes: [
    ['customerId', 'date'],
    ['status', 'date'],
    'dealId',
    { fields: ['source', 'externalId'], unique: true },
  ],
  search: ['externalId'],
});
