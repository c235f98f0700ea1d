/** What a ticket is about. */
export const TICKET_TYPES = ['complaint', 'inquiry', 'after-sales', 'repair', 'feedback'] as const;
/** A {@link TICKET_TYPES} value. */
export type TicketType = (typeof TICKET_TYPES)[number];

/** How urgent a ticket is, most urgent first. */
export const TICKET_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
/** A {@link TICKET_PRIORITIES} value. */
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/**
 * Where a ticket stands: `pending` waits on the customer, `onHold` on a third party; `reopened`
 * is a resolved or closed ticket the customer came back to.
 */
export const TICKET_STATUSES = [
  'new',
  'open',
  'pending',
  'onHold',
  'resolved',
  'closed',
  'reopened',
] as const;
/** A {@link TICKET_STATUSES} value. */
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** The channel a ticket or reply came by. */
export const TICKET_CHANNELS = ['email', 'phone', 'sms', 'web', 'chat', 'in-person', 'api'] as const;
/** A {@link TICKET_CHANNELS} value. */
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/** The statuses that pause the SLA clock unless a policy says otherwise. */
export const DEFAULT_PAUSE_STATUSES: readonly TicketStatus[] = ['pending', 'onHold'];
