import { type Kernel, SYSTEM_ACTOR, USER_ENTITY } from '@rapport/core';
import { DateTime } from 'luxon';
import type { Ticket, TicketRecord } from '../entities/ticket.js';
import type { TicketReply, TicketReplyRecord } from '../entities/ticket-reply.js';
import type { TicketStatusChange } from '../entities/ticket-status-change.js';
import type { TicketStatus } from '../vocabulary.js';

/** How many status changes and public messages the page shows at most (the latest). */
export const PROGRESS_ENTRIES = 100;

/** Whether the promised date will be met. */
export type ProgressOutlook = 'done' | 'onTrack' | 'atRisk' | 'late' | 'none';

/** One entry of the page's history, oldest first. */
export type ProgressEntry =
  | { kind: 'status'; at: string; status: TicketStatus }
  | { kind: 'reply'; at: string; from: 'us' | 'you'; firstName?: string; body: string };

/** What the customer sees: nothing internal, no agent beyond a first name. */
export interface ProgressView {
  language?: string;
  firstName?: string;
  reference: string;
  subject: string;
  status: TicketStatus;
  promisedBy?: string;
  outlook: ProgressOutlook;
  entries: ProgressEntry[];
  /** True when older entries were left out (more than {@link PROGRESS_ENTRIES} of a kind). */
  truncated: boolean;
}

/** The first word of a name of several words (`Anna Schmidt` → `Anna`); nothing for a one-word name. */
export function firstNameOf(name: string | undefined): string | undefined {
  const words = (name ?? '').trim().split(/\s+/);
  return words.length > 1 ? words[0] : undefined;
}

/**
 * Will the promise hold: done once resolved or closed; late when the promised day has ended;
 * at risk when the resolution target is breached or due after the promised day; else on track.
 * Without a promise, nothing is said.
 */
export function progressOutlook(ticket: Ticket, now: number, timeZone: string): ProgressOutlook {
  if (ticket.status === 'resolved' || ticket.status === 'closed') return 'done';
  if (!ticket.promisedBy) return 'none';
  const end = DateTime.fromISO(ticket.promisedBy, { zone: timeZone }).endOf('day').toMillis();
  if (now > end) return 'late';
  const resolution = ticket.sla?.resolution;
  if (resolution?.status === 'breached') return 'atRisk';
  if (resolution?.dueAt !== undefined && resolution.dueAt > end) return 'atRisk';
  return 'onTrack';
}

async function agentFirstNames(kernel: Kernel, replies: TicketReplyRecord[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (!kernel.entities.has(USER_ENTITY)) return names; // no users plugin: agents stay unnamed
  const ids = [...new Set(replies.map((r) => r.authorId).filter((id): id is string => !!id))];
  for (const id of ids) {
    const user = await kernel
      .data<{ name?: string }>(USER_ENTITY, { actor: SYSTEM_ACTOR })
      .get(id)
      .catch(() => undefined);
    const first = firstNameOf(user?.name);
    if (first) names.set(id, first);
  }
  return names;
}

/** The progress view of a ticket, read as the system, keeping only what the customer may see. */
export async function readProgress(kernel: Kernel, ticketId: string): Promise<ProgressView> {
  const system = <T>(entity: string) => kernel.data<T>(entity, { actor: SYSTEM_ACTOR });
  const ticket = (await system<Ticket>('ticket').get(ticketId)) as TicketRecord;
  const customer = await system<{ kind?: string; name?: string; objective?: { language?: string } }>(
    'customer',
  )
    .get(ticket.customerId)
    .catch(() => undefined);
  const contact = ticket.contactId
    ? await system<{ name?: string }>('contact')
        .get(ticket.contactId)
        .catch(() => undefined)
    : undefined;
  const changes = await system<TicketStatusChange>('ticketStatusChange').find({
    where: { ticketId },
    sort: ['-at', '-id'],
    limit: PROGRESS_ENTRIES + 1,
  });
  const replies = await system<TicketReply>('ticketReply').find({
    where: { ticketId, public: true },
    sort: ['-createdAt', '-id'],
    limit: PROGRESS_ENTRIES + 1,
  });
  const shownReplies = (replies.items as TicketReplyRecord[]).slice(0, PROGRESS_ENTRIES);
  const names = await agentFirstNames(kernel, shownReplies);
  const entries: ProgressEntry[] = [
    ...changes.items
      .slice(0, PROGRESS_ENTRIES)
      .map((c) => ({ kind: 'status' as const, at: c.at, status: c.to })),
    ...shownReplies.map((r) => {
      const firstName = r.author === 'agent' && r.authorId ? names.get(r.authorId) : undefined;
      return {
        kind: 'reply' as const,
        at: r.createdAt,
        from: r.author === 'customer' ? ('you' as const) : ('us' as const),
        ...(firstName ? { firstName } : {}),
        body: r.body,
      };
    }),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const language = customer?.objective?.language;
  // the contact's name, else a person customer's (an organisation's name is no first name)
  const firstName = firstNameOf(contact?.name ?? (customer?.kind === 'person' ? customer.name : undefined));
  return {
    ...(language ? { language } : {}),
    ...(firstName ? { firstName } : {}),
    reference: ticket.reference ?? ticket.id,
    subject: ticket.subject,
    status: ticket.status ?? 'new',
    ...(ticket.promisedBy ? { promisedBy: ticket.promisedBy } : {}),
    outlook: progressOutlook(ticket, kernel.clock.now(), kernel.timeZone),
    entries,
    truncated: changes.items.length > PROGRESS_ENTRIES || replies.items.length > PROGRESS_ENTRIES,
  };
}
