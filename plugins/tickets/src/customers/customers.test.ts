import { definePlugin } from '@rapport/core';
import { CUSTOMERS } from '@rapport/plugin-customers';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../entities/ticket.js';
import { TICKETS } from '../service.js';
import { bootTickets, customer, seedSla } from '../test-support/boot.js';

let t: TestKernel | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe('tickets on the customer timeline and in the 7P profile', () => {
  it('adds opened, resolved and rated items and the service record, as the caller sees them', async () => {
    // a role that reads customers but not tickets
    const readers = definePlugin({
      id: 'readers',
      version: '0.0.0',
      register: (ctx) => ctx.access.grant('customerReader', ['customer:read']),
    });
    t = await bootTickets({ plugins: [readers()] });
    await seedSla(t);
    const acme = await customer(t);
    const tickets = t.data<Ticket>('ticket');
    const repair = await tickets.create({
      customerId: acme.id,
      type: 'repair',
      subject: 'Press 4 leaks oil',
      team: 'repairs',
    });
    await t.advance('1h');
    const complaint = await tickets.create({
      customerId: acme.id,
      type: 'complaint',
      subject: 'Technician late',
      team: 'repairs',
    });
    await t.advance('1h');
    await tickets.update(repair.id, { status: 'resolved', resolution: 'Seal replaced' });
    await t.advance('1h');
    const service = t.kernel.resolve(TICKETS);
    await service.rate(await service.issueRatingLink(repair.id), { score: 4, comment: 'Quick' });

    const customers = t.kernel.resolve(CUSTOMERS);
    const page = await customers.timeline(t.admin, acme.id, { limit: 20 });
    const mine = page.items.filter((item) => item.source === 'tickets');
    expect(mine.map((item) => [item.type, item.ref?.id])).toEqual([
      ['ticket.rated', repair.id],
      ['ticket.resolved', repair.id],
      ['ticket.opened', complaint.id],
      ['ticket.opened', repair.id],
    ]);
    expect(mine[0]).toMatchObject({ title: 'Rated the service 4/5', summary: 'Quick', data: { score: 4 } });
    expect(mine[1]).toMatchObject({ at: '2026-06-03T09:00:00.000Z', summary: 'Seal replaced' });

    // paging two at a time gives the same items, none twice
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const next = await customers.timeline(t.admin, acme.id, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...next.items.filter((item) => item.source === 'tickets').map((item) => item.id));
      cursor = next.nextCursor;
    } while (cursor);
    expect(seen).toEqual(mine.map((item) => item.id));

    const ours = async (actor = t?.admin) => {
      const part = (await customers.profile(actor as never, acme.id)).parts.performance;
      return part.status === 'available' ? part.contributions.find((c) => c.source === 'tickets') : undefined;
    };
    expect(await ours()).toMatchObject({
      summary: '2 ticket(s), 1 open; 1 complaint(s); last rating 4/5',
      data: {
        tickets: 2,
        openTickets: 1,
        complaints: 1,
        openComplaints: 1,
        ratings: 1,
        averageRating: 4,
        lastRating: { score: 4, ratedAt: '2026-06-03T10:00:00.000Z' },
      },
    });

    // an agent of another team sees none of it; one without ticket:read gets no tickets part
    const desk = t.actor(['agent'], { teams: ['desk'] });
    const theirs = await customers.timeline(desk, acme.id, { limit: 20 });
    expect(theirs.items.filter((item) => item.source === 'tickets')).toEqual([]);
    expect(await ours(desk)).toMatchObject({ data: { tickets: 0, ratings: 0, lastRating: null } });
    expect(await ours(t.actor(['customerReader']))).toBeUndefined();
  });
});

describe('tickets on a customer merge', () => {
  it('moves the merged customer’s tickets, equipment files and ratings to the survivor and reports them', async () => {
    t = await bootTickets();
    await seedSla(t);
    const survivor = await customer(t, { name: 'Acme GmbH' });
    const duplicate = await customer(t, { name: 'ACME' });
    const other = await customer(t, { name: 'Other' });
    const tickets = t.data<Ticket>('ticket');
    const press = await t
      .data('asset')
      .create({ customerId: duplicate.id, serialNumber: 'P-4', model: 'Press' });
    const repair = await tickets.create({
      customerId: duplicate.id,
      type: 'repair',
      subject: 'Press 4 leaks oil',
      team: 'repairs',
      assetId: press.id,
    });
    await tickets.create({ customerId: duplicate.id, type: 'inquiry', subject: 'Manual?', team: 'repairs' });
    const untouched = await tickets.create({
      customerId: other.id,
      type: 'inquiry',
      subject: 'Hi',
      team: 'repairs',
    });
    await tickets.update(repair.id, { status: 'resolved', resolution: 'Seal replaced' });
    const service = t.kernel.resolve(TICKETS);
    await service.rate(await service.issueRatingLink(repair.id), { score: 5 });

    const result = await t.kernel.resolve(CUSTOMERS).merge(t.admin, survivor.id, duplicate.id);
    expect(result.moved).toMatchObject({ ticket: 2, asset: 1, ticketRating: 1 });
    const moved = await tickets.find({ where: { customerId: survivor.id }, limit: 10 });
    expect(moved.items).toHaveLength(2);
    expect((await tickets.find({ where: { customerId: duplicate.id }, limit: 10 })).items).toEqual([]);
    expect((await t.data('asset').get(press.id)).customerId).toBe(survivor.id);
    const ratings = await t.data('ticketRating').find({ where: { ticketId: repair.id }, limit: 10 });
    expect(ratings.items.map((r) => r.customerId)).toEqual([survivor.id]);
    expect((await tickets.get(untouched.id)).customerId).toBe(other.id);
    // the survivor's timeline now carries the merged customer's tickets
    const page = await t.kernel.resolve(CUSTOMERS).timeline(t.admin, survivor.id, { limit: 20 });
    expect(page.items.filter((item) => item.type === 'ticket.opened')).toHaveLength(2);
  });
});
