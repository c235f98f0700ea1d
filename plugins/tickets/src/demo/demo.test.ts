import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketRecord } from '../entities/ticket.js';
import { bootTickets, customer } from '../test-support/boot.js';
import { seedDemoTickets } from './seed-demo.js';

let t: TestKernel | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe('seedDemoTickets', () => {
  it('writes a calendar, team, policies and tickets across every status with replies and ratings, once', async () => {
    t = await bootTickets();
    for (const name of ['Acme', 'Globex', 'Initech']) await customer(t, { name });
    const report = await seedDemoTickets(t.kernel, { tickets: 21 });
    expect(report).toMatchObject({ skipped: false, tickets: 21 });
    const tickets = (await t.data<TicketRecord>('ticket').find({ limit: 100 })).items;
    expect(new Set(tickets.map((ticket) => ticket.status))).toEqual(
      new Set(['new', 'open', 'pending', 'onHold', 'resolved', 'closed', 'reopened']),
    );
    expect(tickets.every((ticket) => ticket.slaPolicy && ticket.sla?.resolution)).toBe(true);
    expect(tickets.filter((ticket) => ticket.firstResponseAt).length).toBe(18);
    expect(await t.data('ticketReply').count({})).toBe(report.replies);
    expect(await t.data('ticketRating').count({})).toBe(report.ratings);
    expect(report.ratings).toBe(6);
    expect(await seedDemoTickets(t.kernel)).toMatchObject({ skipped: true, tickets: 0 });
  });
});
