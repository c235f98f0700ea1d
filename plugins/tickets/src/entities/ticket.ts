import {
  computed,
  count,
  date,
  dateTime,
  defineEntity,
  type EntityRecord,
  type JsonSchema,
  key,
  ref,
  safeInteger,
  text,
} from '@rapport/core';
import { TARGET_STATUSES } from '../sla/sla-target.js';
import type { TicketSla } from '../sla/ticket-sla.js';
import {
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type TicketChannel,
  type TicketPriority,
  type TicketStatus,
  type TicketType,
} from '../vocabulary.js';

/** One SLA target's state as stored; its `status` is described so lists can show and filter it. */
const SLA_TARGET: JsonSchema = {
  type: 'object',
  properties: { status: { type: 'string', enum: [...TARGET_STATUSES] } },
  maxProperties: 10,
};

/** A complaint, inquiry, after-sales case, repair or feedback from a customer. */
export interface Ticket {
  customerId: string;
  contactId?: string;
  type: TicketType;
  channel?: TicketChannel;
  priority?: TicketPriority;
  /** Default `new`; moves follow `TICKET_TRANSITIONS` (refused with a sentence otherwise). */
  status?: TicketStatus;
  assigneeId?: string;
  /** The `key` of a team. */
  team?: string;
  subject: string;
  description?: string;
  assetId?: string;
  /** The completion date promised to the customer. */
  promisedBy?: string;
  resolution?: string;
  resolutionCategory?: string;
  /** Computed: `T-000123`-style reference customers quote in replies. */
  reference?: string;
  /** Computed: the SLA policy applied (its key) and the state of each target. */
  slaPolicy?: string;
  sla?: TicketSla;
  /** Computed: when the SLA job must look at the ticket next (indexed; absent when never). */
  slaNextChangeAt?: string;
  /** Computed: the earliest due time of a running target (the queue's order). */
  slaNearestDueAt?: string;
  /** Computed: first public agent reply, resolution time. */
  firstResponseAt?: string;
  resolvedAt?: string;
  /** Computed: business time (ms) to the first response, and to resolution, once done (metrics average them). */
  firstResponseBusinessMs?: number;
  resolutionBusinessMs?: number;
  /** Computed: how many of the ticket's done targets were met, of how many done (the SLA-met share). */
  slaTargetsMet?: number;
  slaTargetsDone?: number;
  /** Computed: how many times the ticket was reopened (the reopen rate counts tickets with one or more). */
  reopenCount?: number;
}

/** A stored ticket. */
export type TicketRecord = EntityRecord<Ticket>;

/** Fields of a ticket only the plugin writes. */
export const COMPUTED_TICKET_FIELDS = [
  'reference',
  'slaPolicy',
  'sla',
  'slaNextChangeAt',
  'slaNearestDueAt',
  'firstResponseAt',
  'resolvedAt',
  'firstResponseBusinessMs',
  'resolutionBusinessMs',
  'slaTargetsMet',
  'slaTargetsDone',
  'reopenCount',
] as const;

/** The `ticket` entity. */
export const TicketEntity = defineEntity<Ticket>({
  name: 'ticket',
  plural: 'tickets',
  description:
    'A complaint, inquiry, after-sales case, repair or feedback: status new → open → pending/onHold → resolved → closed (or reopened), SLA state in business time.',
  schema: {
    type: 'object',
    properties: {
      customerId: ref,
      contactId: ref,
      type: { type: 'string', enum: [...TICKET_TYPES] },
      channel: { type: 'string', enum: [...TICKET_CHANNELS], default: 'api' },
      priority: { type: 'string', enum: [...TICKET_PRIORITIES], default: 'normal' },
      status: { type: 'string', enum: [...TICKET_STATUSES], default: 'new' },
      assigneeId: ref,
      team: key,
      subject: text(300),
      description: text(20_000, { minLength: 0 }),
      assetId: ref,
      promisedBy: date,
      resolution: text(5_000),
      resolutionCategory: text(100),
      reference: computed(text(40)),
      slaPolicy: computed(key),
      sla: computed({
        type: 'object',
        properties: { firstResponse: SLA_TARGET, resolution: SLA_TARGET, nextResponse: SLA_TARGET },
        maxProperties: 10,
      }),
      slaNextChangeAt: computed(dateTime),
      slaNearestDueAt: computed(dateTime),
      firstResponseAt: computed(dateTime),
      resolvedAt: computed(dateTime),
      firstResponseBusinessMs: computed(safeInteger),
      resolutionBusinessMs: computed(safeInteger),
      slaTargetsMet: computed(count),
      slaTargetsDone: computed(count),
      reopenCount: computed(count),
    },
    required: ['customerId', 'type', 'subject'],
  },
  indexes: [
    'customerId',
    'status',
    'team',
    'assigneeId',
    'assetId',
    'type',
    'priority',
    'slaNextChangeAt',
    'slaNearestDueAt',
    'firstResponseAt',
    'resolvedAt',
    { fields: ['reference'], unique: true },
  ],
  search: ['subject', 'reference'],
});
