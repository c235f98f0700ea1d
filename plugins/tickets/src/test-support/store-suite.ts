import type { DataStore } from '@rapport/core';
import { eventLog } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Rating } from '../entities/rating.js';
import type { Ticket } from '../entities/ticket.js';
import type { TicketReply } from '../entities/ticket-reply.js';
import { TICKETS } from '../service.js';
import { bootTickets, customer, seedSla } from './boot.js';

/** A store for one test, and how to clean up after it. */
export interface StoreFactory {
  create(): Promise<DataStore> | DataStore;
  cleanup?(): Promise<void>;
}

const JUNE = { from: Date.parse('2026-06-01T00:00:00Z'), to: Date.parse('2026-07-01T00:00:00Z') };

/**
 * The tests whose answer depends on the store (aggregates, range queries on the SLA threshold,
 * JSON fields), run on the memory store and on PostgreSQL so both answer the same.
 */
export function describeTicketsOnStore(name: string, newFactory: () => StoreFactory): void {
  describe(`tickets on ${name}`, () => {
    let stop: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await stop?.();
      stop = undefined;
    });

    it('computes the metrics of a hand-computed dataset, respecting record rules', async () => {
      const factory = newFactory();
      const t = await bootTickets({ store: await factory.create() }); // Wed 3 June 2026 09:00 CEST; standard policy: 2 h first response, 16 h resolution
      stop = async () => {
        await t.stop();
        await factory.cleanup?.();
      };
      await seedSla(t);
      const acme = await customer(t);
      const create = (subject: string) =>
        t.data<Ticket>('ticket').create({ customerId: acme.id, type: 'inquiry', subject, team: 'repairs' });
      const reply = (ticketId: string) =>
        t
          .data<TicketReply>('ticketReply')
          .create({ ticketId, author: 'agent', body: 'Hello', channel: 'email' });
      const resolve = (id: string) =>
        t.data<Ticket>('ticket').update(id, { status: 'resolved', resolution: 'Answered' });
      const a = await create('A');
      const b = await create('B');
      const d = await create('D');
      await t.advance('30m');
      await reply(a.id); // A: first response 30 business minutes, met
      await reply(d.id); // D: 30 too, then left open
      await t.advance('30m');
      await resolve(a.id); // A: resolved after 60, met
      await t.advance('150m'); // 12:30 CEST
      await reply(b.id); // B: 09–12 = 180 (lunch does not count), missed (> 120)
      await t.advance('60m'); // 13:30 CEST
      await resolve(b.id); // B: 180 + 30 = 210, met
      await create('C'); // still open
      const value = async (id: string, actor = t.admin) =>
        (await t.kernel.metrics.compute(id, JUNE, { actor })).value;
      // medians: a typical ticket's wait, which B's long one does not drag up (the mean is 80)
      expect(await value('tickets.firstResponseTime')).toBe(30); // 30, 30, 180
      expect(await value('tickets.resolutionTime')).toBe(135); // 60 and 210: between the two
      expect(await value('tickets.slaMet')).toBe(0.75); // A 2 of 2, B 1 of 2
      expect(await value('tickets.backlog')).toBe(2); // C and D
      const otherTeam = t.actor(['agent'], { teams: ['desk'] });
      expect(await value('tickets.backlog', otherTeam)).toBe(0);
      expect(await value('tickets.firstResponseTime', otherTeam)).toBeNull();

      // ratings: A 5, B 3 (above the low score, so B stays resolved)
      const service = t.kernel.resolve(TICKETS);
      await service.rate(await service.issueRatingLink(a.id), { score: 5 });
      await service.rate(await service.issueRatingLink(b.id), { score: 3 });
      expect(await value('tickets.csat')).toBe(0.5); // one of two scored 4–5
      expect(await value('tickets.averageRating')).toBe(4); // (5 + 3) / 2
      // A comes back: the customer writes again (reopened), then it is resolved again
      await t
        .data<TicketReply>('ticketReply')
        .create({ ticketId: a.id, author: 'customer', body: 'It leaks again' });
      expect((await t.data<Ticket>('ticket').get(a.id)).reopenCount).toBe(1);
      await t.advance('10m');
      await resolve(a.id);
      expect(await value('tickets.reopenRate')).toBe(0.5); // A reopened, B not, both resolved in June
      // complaints per 100 active customers: one complaint, two customers
      await customer(t);
      await t
        .data<Ticket>('ticket')
        .create({ customerId: acme.id, type: 'complaint', subject: 'Late again' });
      expect(await value('tickets.complaintRate')).toBe(50);
      // record rules: the ratings are the repairs team's
      const repairs = t.actor(['agent'], { teams: ['repairs'] });
      expect(await value('tickets.csat', repairs)).toBe(0.5);
      expect(await value('tickets.csat', otherTeam)).toBeNull();
      expect(await value('tickets.reopenRate', otherTeam)).toBeNull();
      expect(await value('tickets.complaintRate', otherTeam)).toBe(0); // the complaint has no team
    });

    it('moves a target to at risk then breached once on a test clock', async () => {
      const factory = newFactory();
      const log = eventLog(['tickets.sla.atRisk', 'tickets.sla.breached'], ['tickets']);
      const t = await bootTickets({ store: await factory.create(), plugins: [log.plugin] });
      stop = async () => {
        await t.stop();
        await factory.cleanup?.();
      };
      await seedSla(t);
      const acme = await customer(t);
      const ticket = await t.data<Ticket>('ticket').create({
        customerId: acme.id,
        type: 'repair',
        priority: 'urgent',
        subject: 'Line stopped',
      });
      expect(ticket.slaNextChangeAt).toBe('2026-06-03T07:24:00.000Z'); // 80 % of 30 min
      for (let i = 0; i < 8; i += 1) await t.advance('5m'); // the job runs every minute
      await t.settle();
      expect(log.seen.filter((e) => e.payload.target === 'firstResponse').map((e) => e.name)).toEqual([
        'tickets.sla.atRisk',
        'tickets.sla.breached',
      ]);
      expect((await t.data<Ticket>('ticket').get(ticket.id)).sla?.firstResponse?.status).toBe('breached');
      expect((await t.kernel.resolve(TICKETS).runSla()).touched).toBe(0);
    });

    it('take one of 20 concurrent submissions of a link, and a low score reopens the ticket', async () => {
      const factory = newFactory();
      const t = await bootTickets({ store: await factory.create() });
      stop = async () => {
        await t.stop();
        await factory.cleanup?.();
      };
      await seedSla(t);
      const acme = await customer(t);
      const service = t.kernel.resolve(TICKETS);
      const ticket = await t
        .data<Ticket>('ticket')
        .create({ customerId: acme.id, type: 'repair', subject: 'Valve' });
      await expect(service.issueRatingLink(ticket.id)).rejects.toThrow('must be resolved or closed');
      await t.data<Ticket>('ticket').update(ticket.id, { status: 'resolved', resolution: 'Valve replaced' });
      const token = await service.issueRatingLink(ticket.id);
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          service.rate(token, { score: 1 + (i % 2), comment: `try ${i}` }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused.every((r) => (r.reason as { code?: string }).code === 'LINK_INVALID')).toBe(true);
      expect(await t.data<Rating>('ticketRating').count({ ticketId: ticket.id })).toBe(1);
      expect((await t.data<Ticket>('ticket').get(ticket.id)).status).toBe('reopened');
      await expect(service.rate('nonsense', { score: 5 })).rejects.toThrow('not valid');
    });
  });
}
