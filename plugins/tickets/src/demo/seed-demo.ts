import { createSeededRandom, type Kernel, mixSeed, SYSTEM_ACTOR } from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import type { BusinessCalendar } from '../entities/business-calendar.js';
import type { EscalationRule } from '../entities/escalation-rule.js';
import type { SlaPolicy } from '../entities/sla-policy.js';
import type { Team } from '../entities/team.js';
import type { Ticket } from '../entities/ticket.js';
import type { TicketReply } from '../entities/ticket-reply.js';
import { TICKETS } from '../service.js';
import type { TicketPriority, TicketStatus, TicketType } from '../vocabulary.js';

/** Options of {@link seedDemoTickets}. */
export interface SeedTicketsOptions {
  /** Tickets written (default 20), spread over every status. */
  tickets?: number;
  /** Same seed, same tickets (default 1). */
  seed?: number;
  /** Team members (user ids); default none. */
  members?: string[];
  /** Seed even when a business calendar exists (default false: a no-op then). */
  force?: boolean;
}

/** What {@link seedDemoTickets} wrote. */
export interface SeedTicketsReport {
  skipped: boolean;
  tickets: number;
  replies: number;
  ratings: number;
}

const SHIFTS = [
  { from: '09:00', to: '12:30' },
  { from: '13:30', to: '18:00' },
];

const SUBJECTS: ReadonlyArray<[TicketType, string]> = [
  ['repair', 'Press 4 leaks oil'],
  ['complaint', 'Delivery arrived two days late'],
  ['inquiry', 'Can we add a second user to our plan?'],
  ['after-sales', 'Spare filter for the X200'],
  ['repair', 'Display flickers after the update'],
  ['complaint', 'Invoice charged twice'],
  ['inquiry', 'Opening hours over the holidays'],
  ['feedback', 'The new portal is much faster'],
];

/** How the demo tickets are spread over statuses (cycled). */
const STATUS_PATH: ReadonlyArray<TicketStatus[]> = [
  [],
  ['open'],
  ['open', 'pending'],
  ['open', 'onHold'],
  ['open', 'resolved'],
  ['open', 'resolved', 'closed'],
  ['open', 'resolved', 'reopened'],
];

const PRIORITIES: readonly TicketPriority[] = ['urgent', 'high', 'normal', 'normal', 'low'];

/**
 * Seeds the service-desk demo as the system, for the customers already there: a business
 * calendar (Mon–Fri with a lunch break, Berlin), a support team, two SLA policies (urgent and the
 * standard fallback), an escalation rule, then tickets across every status — each with a
 * customer message, most with an agent answer, the resolved ones with a resolution — moved
 * through the status machine, and a rating on some resolved ones through the rating link.
 * Deterministic for a seed; a no-op when a calendar exists unless `force`.
 */
export async function seedDemoTickets(
  kernel: Kernel,
  options: SeedTicketsOptions = {},
): Promise<SeedTicketsReport> {
  const as = { actor: SYSTEM_ACTOR };
  const report: SeedTicketsReport = { skipped: false, tickets: 0, replies: 0, ratings: 0 };
  const calendars = kernel.data<BusinessCalendar>('businessCalendar', as);
  if (!options.force && (await calendars.count({})) > 0) return { ...report, skipped: true };
  const customers = (await kernel.data<Customer>('customer', as).find({ sort: ['createdAt'], limit: 50 }))
    .items;
  if (customers.length === 0) return { ...report, skipped: true };
  const random = createSeededRandom(mixSeed(options.seed ?? 1, 16));
  const suffix = options.force ? `-${random.int(0, 999_999)}` : '';
  await calendars.create({
    key: `berlin${suffix}`,
    name: 'Berlin office',
    timeZone: 'Europe/Berlin',
    hours: { mon: SHIFTS, tue: SHIFTS, wed: SHIFTS, thu: SHIFTS, fri: SHIFTS },
    holidays: [
      { date: '2000-12-25', recurring: true },
      { date: '2000-01-01', recurring: true },
    ],
  });
  const team = `support${suffix}`;
  await kernel
    .data<Team>('team', as)
    .create({ key: team, name: 'Customer support', members: options.members ?? [] });
  const policies = kernel.data<SlaPolicy>('slaPolicy', as);
  await policies.create({
    key: `urgent${suffix}`,
    name: 'Urgent',
    order: 10,
    match: { priorities: ['urgent'] },
    calendar: `berlin${suffix}`,
    firstResponseMinutes: 30,
    resolutionMinutes: 240,
  });
  await policies.create({
    key: `standard${suffix}`,
    name: 'Standard',
    order: 100,
    calendar: `berlin${suffix}`,
    firstResponseMinutes: 240,
    resolutionMinutes: 1_440,
    nextResponseMinutes: 480,
  });
  await kernel.data<EscalationRule>('escalationRule', as).create({
    key: `urgent-breach${suffix}`,
    name: 'Urgent ticket breached',
    on: 'breached',
    match: { priorities: ['urgent'] },
    actions: { assignTeam: team, note: 'Breached its SLA: escalated to the support team.' },
  });
  const tickets = kernel.data<Ticket>('ticket', as);
  const replies = kernel.data<TicketReply>('ticketReply', as);
  const count = options.tickets ?? 20;
  for (let i = 0; i < count; i++) {
    const [type, subject] = SUBJECTS[i % SUBJECTS.length] as [TicketType, string];
    const path = STATUS_PATH[i % STATUS_PATH.length] as TicketStatus[];
    const customer = random.pick(customers);
    let ticket = await tickets.create({
      customerId: customer.id,
      type,
      channel: i % 2 === 0 ? 'email' : 'phone',
      priority: PRIORITIES[i % PRIORITIES.length] as TicketPriority,
      team,
      subject,
      description: `${subject}. Please get back to us.`,
    });
    report.tickets++;
    await replies.create({
      ticketId: ticket.id,
      author: 'customer',
      public: true,
      channel: 'email',
      body: `${subject}.`,
    });
    report.replies++;
    if (path.length > 0) {
      await replies.create({
        ticketId: ticket.id,
        author: 'agent',
        public: true,
        channel: 'email',
        body: 'Thanks for getting in touch, we are looking into it.',
      });
      report.replies++;
    }
    for (const status of path) {
      const resolution =
        status === 'resolved' ? { resolution: 'Fixed on site.', resolutionCategory: 'fixed' } : {};
      ticket = await tickets.update(ticket.id, { status, ...resolution });
    }
    if (ticket.status === 'resolved' || ticket.status === 'closed') {
      const service = kernel.resolve(TICKETS);
      await service.rate(await service.issueRatingLink(ticket.id), {
        score: 4 + (i % 2),
        comment: 'Quick and friendly.',
      });
      report.ratings++;
    }
  }
  return report;
}
