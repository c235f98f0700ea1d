import { dateTime, defineEntity, type EntityRecord, key, list, ref, text } from '@rapport/core';
import { TICKET_PRIORITIES, TICKET_TYPES, type TicketPriority, type TicketType } from '../vocabulary.js';

/** The SLA targets a rule can watch. */
export const ESCALATION_TARGETS = ['firstResponse', 'resolution', 'nextResponse'] as const;
/** A {@link ESCALATION_TARGETS} value. */
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

/** What a rule does when it fires; every listed action runs. */
export interface EscalationActions {
  /** Raise the priority one step (low → normal → high → urgent). */
  raisePriority?: boolean;
  /** Reassign to this team (its key). */
  assignTeam?: string;
  /** Reassign to this user. */
  assignTo?: string;
  /** Users to notify (the `tickets.escalation.fired` event names them; messaging delivers it when installed). */
  notify?: string[];
  /** Add this internal note to the ticket. */
  note?: string;
}

/** What a rule reacts to: a target's at-risk or breach move, or a ticket left without an update. */
export const ESCALATION_TRIGGERS = ['atRisk', 'breached', 'noUpdate'] as const;
/** A {@link ESCALATION_TRIGGERS} value. */
export type EscalationTrigger = (typeof ESCALATION_TRIGGERS)[number];

/**
 * An escalation rule: data, evaluated on every at-risk or breach move of a matching ticket, or
 * (`noUpdate`) when a worked ticket had no update — no reply, no status change, no edit by a
 * person — for `hours` business hours of its SLA policy's calendar.
 */
export interface EscalationRule {
  key: string;
  name: string;
  /** `atRisk`, `breached` or `noUpdate`. */
  on: EscalationTrigger;
  /** Which target (`atRisk`, `breached`); absent: any. */
  target?: EscalationTarget;
  /** For `noUpdate`: business hours without an update (required then, refused otherwise). */
  hours?: number;
  match?: { priorities?: TicketPriority[]; types?: TicketType[]; teams?: string[] };
  actions: EscalationActions;
  active?: boolean;
}

/** A stored escalation rule. */
export type EscalationRuleRecord = EntityRecord<EscalationRule>;

/** The `escalationRule` entity. */
export const EscalationRuleEntity = defineEntity<EscalationRule>({
  name: 'escalationRule',
  plural: 'escalationRules',
  description:
    'On at-risk or breach of a target, or no update for N business hours: raise priority, reassign to a team or person, notify, add a note. Fires once per ticket and occasion.',
  schema: {
    type: 'object',
    properties: {
      key,
      name: text(),
      on: { type: 'string', enum: [...ESCALATION_TRIGGERS] },
      target: { type: 'string', enum: [...ESCALATION_TARGETS] },
      hours: { type: 'number', exclusiveMinimum: 0, maximum: 10_000 },
      match: {
        type: 'object',
        properties: {
          priorities: list({ type: 'string', enum: [...TICKET_PRIORITIES] }, 4, { uniqueItems: true }),
          types: list({ type: 'string', enum: [...TICKET_TYPES] }, 5, { uniqueItems: true }),
          teams: list(key, 50, { uniqueItems: true }),
        },
        additionalProperties: false,
      },
      actions: {
        type: 'object',
        properties: {
          raisePriority: { type: 'boolean' },
          assignTeam: key,
          assignTo: ref,
          notify: list(ref, 20, { uniqueItems: true }),
          note: text(2_000),
        },
        additionalProperties: false,
        minProperties: 1,
      },
      active: { type: 'boolean', default: true },
    },
    required: ['key', 'name', 'on', 'actions'],
  },
  indexes: [{ fields: ['key'], unique: true }, 'on'],
  search: ['name', 'key'],
});

/** One firing of a rule on a ticket: unique per (rule, ticket, occasion), so a rule never fires twice for one occasion. */
export interface EscalationFiring {
  rule: string;
  ticketId: string;
  /** `breached:resolution:<due ISO time>`: a new due time (a new next-response wait) is a new occasion. */
  occasion: string;
  firedAt: string;
  actions: string[];
}

/** The `escalationFiring` entity (written by the plugin only). */
export const EscalationFiringEntity = defineEntity<EscalationFiring>({
  name: 'escalationFiring',
  plural: 'escalationFirings',
  description: 'Each firing of an escalation rule on a ticket, once per occasion.',
  schema: {
    type: 'object',
    properties: {
      rule: key,
      ticketId: ref,
      occasion: text(200),
      firedAt: dateTime,
      actions: list(text(50), 10),
    },
    required: ['rule', 'ticketId', 'occasion', 'firedAt', 'actions'],
  },
  indexes: [{ fields: ['rule', 'ticketId', 'occasion'], unique: true }, 'ticketId'],
});
