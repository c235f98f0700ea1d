import { defineEntity, type EntityRecord, integerBetween, key, list, text } from '@rapport/core';
import { ABC_CLASSES } from '@rapport/plugin-customers';
import {
  DEFAULT_PAUSE_STATUSES,
  TICKET_PRIORITIES,
  TICKET_TYPES,
  type TicketPriority,
  type TicketStatus,
  type TicketType,
} from '../vocabulary.js';

/** Which tickets a policy applies to: every listed condition must hold; an empty match is a fallback. */
export interface SlaMatch {
  priorities?: TicketPriority[];
  types?: TicketType[];
  /** The customer's ABC class (from the customers plugin). */
  abcClasses?: string[];
  /** Customer segments, as customer tags (`key-account`). */
  segments?: string[];
  /** Loyalty tiers (read from the customer's `loyaltyTier` when a loyalty plugin sets it). */
  loyaltyTiers?: string[];
}

/** An SLA policy: targets in business minutes, a calendar, the pausing statuses. */
export interface SlaPolicy {
  key: string;
  name: string;
  /** Policies are tried in ascending `order` (then by key); the first that matches wins. */
  order: number;
  match?: SlaMatch;
  /** The `key` of a business calendar. */
  calendar: string;
  firstResponseMinutes?: number;
  resolutionMinutes?: number;
  /** After each customer reply that follows an agent reply. */
  nextResponseMinutes?: number;
  /** Default: pending and onHold. */
  pauseStatuses?: TicketStatus[];
  /** Integer percent of a target after which it is at risk. Default 80. */
  atRiskPercent?: number;
  active?: boolean;
}

/** A stored SLA policy. */
export type SlaPolicyRecord = EntityRecord<SlaPolicy>;

const minutes = integerBetween(1, 525_600);

/** The `slaPolicy` entity. */
export const SlaPolicyEntity = defineEntity<SlaPolicy>({
  name: 'slaPolicy',
  plural: 'slaPolicies',
  description:
    'Which tickets it applies to (first match by order wins), first-response, resolution and next-response targets in business minutes, a calendar, pausing statuses.',
  schema: {
    type: 'object',
    properties: {
      key,
      name: text(),
      order: integerBetween(0, 1_000_000),
      match: {
        type: 'object',
        properties: {
          priorities: list({ type: 'string', enum: [...TICKET_PRIORITIES] }, 4, { uniqueItems: true }),
          types: list({ type: 'string', enum: [...TICKET_TYPES] }, 5, { uniqueItems: true }),
          abcClasses: list({ type: 'string', enum: [...ABC_CLASSES] }, 3, { uniqueItems: true }),
          segments: list(text(50), 50, { uniqueItems: true }),
          loyaltyTiers: list(text(50), 20, { uniqueItems: true }),
        },
        additionalProperties: false,
      },
      calendar: key,
      firstResponseMinutes: minutes,
      resolutionMinutes: minutes,
      nextResponseMinutes: minutes,
      pauseStatuses: {
        ...list({ type: 'string', enum: ['pending', 'onHold'] }, 2, { uniqueItems: true }),
        default: [...DEFAULT_PAUSE_STATUSES],
      },
      atRiskPercent: { ...integerBetween(1, 99), default: 80 },
      active: { type: 'boolean', default: true },
    },
    required: ['key', 'name', 'order', 'calendar'],
  },
  indexes: [{ fields: ['key'], unique: true }, 'order'],
  search: ['name', 'key'],
});
