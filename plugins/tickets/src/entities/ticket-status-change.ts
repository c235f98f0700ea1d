import { dateTime, defineEntity, type EntityRecord, ref } from '@rapport/core';
import { TICKET_STATUSES, type TicketStatus } from '../vocabulary.js';

/** One entry of a ticket's status history (written by the plugin): the SLA clock replays it. */
export interface TicketStatusChange {
  ticketId: string;
  from?: TicketStatus;
  to: TicketStatus;
  at: string;
  actorId?: string;
}

/** A stored status change. */
export type TicketStatusChangeRecord = EntityRecord<TicketStatusChange>;

/** The `ticketStatusChange` entity. */
export const TicketStatusChangeEntity = defineEntity<TicketStatusChange>({
  name: 'ticketStatusChange',
  plural: 'ticketStatusChanges',
  description: "A ticket's status history, written by the tickets plugin; the SLA clock is computed from it.",
  schema: {
    type: 'object',
    properties: {
      ticketId: ref,
      from: { type: 'string', enum: [...TICKET_STATUSES] },
      to: { type: 'string', enum: [...TICKET_STATUSES] },
      at: dateTime,
      actorId: ref,
    },
    required: ['ticketId', 'to', 'at'],
  },
  indexes: ['ticketId', 'at'],
});
