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

/** An escalation rule: data, evaluated on every at-risk or breach move of a matching ticket. */
export interface EscalationRule {
  key: string;
  name: string;
  /** `atRisk` or `breached`. */
  on: 'atRisk' | 'breached';
  /** Which target; absent: any. */
  target?: EscalationTarget;
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
    'On at-risk or breach of a target: raise priority, reassign to a team or person, notify, add a note. Fires once per ticket and occasion.',
  schema: {
    type: 'object',
    properties: {
      key,
      name: text(),
      on: { type: 'string', enum: ['atRisk', 'breached'] },
      target: { type: 'string', enum: [...ESCALATION_TARGETS] },
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
  indexes: [{ fields: ['key'], unique: true }],
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
