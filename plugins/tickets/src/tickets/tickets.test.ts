import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../entities/asset.js';
import type { Ticket, TicketRecord } from '../entities/ticket.js';
import type { TicketReply } from '../entities/ticket-reply.js';
import type { TicketStatusChange } from '../entities/ticket-status-change.js';
import { quotedReference } from '../inbound/thread-inbound.js';
import { bootTickets, customer, seedSla } from '../test-support/boot.js';
import { freeReference } from './ticket-taps.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function boot(plugins: unknown[] = []) {
  const t = await bootTickets({ plugins });
  stop = () => t.stop();
  await seedSla(t);
  return t;
}

describe('tickets', () => {
  it('applies the first matching policy and computes due times in business time', async () => {
    const t = await boot();
    const acme = await customer(t);
    const urgent = (await t.data<Ticket>('ticket').create({
      customerId: acme.id,
      type: 'repair',
      priority: 'urgent',
      subject: 'Press 4 leaks oil',
    })) as TicketRecord;
    expect(urgent).toMatchObject({ status: 'new', slaPolicy: 'urgent' });
    expect(urgent.reference).toMatch(/^T-[A-Z0-9]{8}$/);
    // created Wed 09:00 CEST: 30 min → 09:30; 4 h → 09–12 (3 h) and 13–14 → 14:00 CEST
    expect(new Date(urgent.sla?.firstResponse?.dueAt ?? 0).toISOString()).toBe('2026-06-03T07:30:00.000Z');
    expect(new Date(urgent.sla?.resolution?.dueAt ?? 0).toISOString()).toBe('2026-06-03T12:00:00.000Z');
    expect(urgent.slaNearestDueAt).toBe('2026-06-03T07:30:00.000Z');
    // lowering the priority recomputes against the standard policy from the ticket's start
    const normal = await t.data<Ticket>('ticket').update(urgent.id, { priority: 'normal' });
    expect(normal.slaPolicy).toBe('standard');
    expect(normal.slaNearestDueAt).toBe('2026-06-03T09:00:00.000Z'); // 2 h → 11:00 CEST
  });

  it('refuses a forbidden status move with a sentence, and requires a resolution', async () => {
    const t = await boot();
    const acme = await customer(t);
    const ticket = await t
      .data<Ticket>('ticket')
      .create({ customerId: acme.id, type: 'inquiry', subject: 'Price list?' });
    await t.data<Ticket>('ticket').update(ticket.id, { status: 'open' });
    await expect(t.data<Ticket>('ticket').update(ticket.id, { status: 'new' })).rejects.toThrow(
      "status cannot go back to 'new' from 'open'",
    );
    await expect(t.data<Ticket>('ticket').update(ticket.id, { status: 'resolved' })).rejects.toThrow(
      'resolution is required when a ticket is resolved',
    );
    await t.data<Ticket>('ticket').update(ticket.id, { status: 'closed' });
    await expect(t.data<Ticket>('ticket').update(ticket.id, { status: 'open' })).rejects.toThrow(
      'reopen it first',
    );
    const history = await t
      .data<TicketStatusChange>('ticketStatusChange')
      .find({ where: { ticketId: ticket.id } });
    expect(history.items.map((c) => c.to)).toEqual(['new', 'open', 'closed']);
    await expect(
      t
        .data<TicketStatusChange>('ticketStatusChange')
        .create({ ticketId: ticket.id, to: 'open', at: '2026-06-03T08:00:00Z' }),
    ).rejects.toThrow('written by the tickets plugin only');
  });

  it('takes the first public agent reply as first response, not a note; a customer reply reopens pending', async () => {
    const t = await boot();
    const acme = await customer(t);
    const ticket = await t
      .data<Ticket>('ticket')
      .create({ customerId: acme.id, type: 'complaint', subject: 'Late delivery' });
    await t.advance('10m');
    await t
      .data<TicketReply>('ticketReply')
      .create({ ticketId: ticket.id, author: 'agent', public: false, body: 'Check with logistics' });
    expect((await t.data<Ticket>('ticket').get(ticket.id)).firstResponseAt).toBeUndefined();
    await t.advance('20m');
    await t
      .data<TicketReply>('ticketReply')
      .create({ ticketId: ticket.id, author: 'agent', body: 'We are on it', channel: 'email' });
    const answered = await t.data<Ticket>('ticket').get(ticket.id);
    expect(answered.firstResponseAt).toBe('2026-06-03T07:30:00.000Z');
    expect(answered.sla?.firstResponse).toMatchObject({ status: 'met', usedMs: 30 * 60_000 });
    await t.data<Ticket>('ticket').update(ticket.id, { status: 'pending' });
    await t
      .data<TicketReply>('ticketReply')
      .create({ ticketId: ticket.id, author: 'customer', body: 'Any news?', channel: 'email' });
    expect((await t.data<Ticket>('ticket').get(ticket.id)).status).toBe('open');
  });

  it('lets a person reply only as themselves: no system replies, no agent reply in another name', async () => {
    const t = await boot();
    const acme = await customer(t);
    const agent = t.actor(['agent'], { teams: ['repairs'] });
    const ticket = await t
      .data<Ticket>('ticket')
      .create({ customerId: acme.id, type: 'repair', subject: 'Pump stalls', team: 'repairs' });
    const replies = t.data<TicketReply>('ticketReply', agent);
    await expect(
      replies.create({ ticketId: ticket.id, author: 'system', body: 'Closed automatically' }),
    ).rejects.toThrow("author cannot be 'system'");
    await expect(
      replies.create({ ticketId: ticket.id, author: 'agent', authorId: 'someone-else', body: 'Done' }),
    ).rejects.toThrow('authorId must be the writer');
    const own = await replies.create({ ticketId: ticket.id, author: 'agent', body: 'On my way' });
    expect(own.authorId).toBe(agent.id);
    const phoned = await replies.create({
      ticketId: ticket.id,
      author: 'customer',
      body: 'Called: still stalls',
    });
    expect(phoned.author).toBe('customer');
  });

  it('lets an agent see only their teams’ tickets and those assigned to them', async () => {
    const t = await boot();
    const acme = await customer(t);
    const repairs = await t
      .data<Ticket>('ticket')
      .create({ customerId: acme.id, type: 'repair', subject: 'A', team: 'repairs' });
    await t
      .data<Ticket>('ticket')
      .create({ customerId: acme.id, type: 'inquiry', subject: 'B', team: 'sales-desk' });
    const agent = t.actor(['agent'], { teams: ['repairs'] });
    const mine = await t
      .data<Ticket>('ticket', agent)
      .create({ customerId: acme.id, type: 'inquiry', subject: 'C', assigneeId: agent.id });
    const seen = await t.data<Ticket>('ticket', agent).find({});
    expect(seen.items.map((x) => x.id).sort()).toEqual([repairs.id, mine.id].sort());
    // a signed-in user's own team (the user's `team`, on the actor as `attributes.team`) counts too
    const member = t.actor(['agent'], { team: 'sales-desk' });
    const theirs = await t.data<Ticket>('ticket', member).find({});
    expect(theirs.items.map((x) => x.subject)).toEqual(['B']);
  });

  it('keeps an asset on its own customer', async () => {
    const t = await boot();
    const acme = await customer(t);
    const other = await customer(t);
    const press = await t
      .data<Asset>('asset')
      .create({ customerId: acme.id, serialNumber: 'SN-1', model: 'HP-400' });
    await expect(
      t
        .data<Ticket>('ticket')
        .create({ customerId: other.id, type: 'repair', subject: 'X', assetId: press.id }),
    ).rejects.toThrow("assetId is an asset of another customer than the ticket's");
  });
});

describe('ticket references', () => {
  it('lengthen when a shorter one is taken, and are still found when quoted', async () => {
    const id = '01a23f07-8d0e-730b-9e3a-8969b93e0955';
    const taken = new Set(['T-B93E0955']);
    const system = (() => ({
      count: async (where: { reference: string }) => (taken.has(where.reference) ? 1 : 0),
    })) as never;
    expect(await freeReference(system, id)).toBe('T-8969B93E0955');
    taken.add('T-8969B93E0955');
    expect(await freeReference(system, id)).toBe('T-9E3A8969B93E0955');
    expect(quotedReference('Re: [T-8969B93E0955] press', undefined)).toBe('T-8969B93E0955');
    expect(quotedReference('About t-b93e0955', undefined)).toBe('T-B93E0955');
  });
});
