import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../entities/ticket.js';
import type { TicketReply } from '../entities/ticket-reply.js';
import { bootTickets, customer, seedSla } from '../test-support/boot.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

const JUNE = { from: Date.parse('2026-06-01T00:00:00Z'), to: Date.parse('2026-07-01T00:00:00Z') };

describe('tickets metrics on a hand-computed dataset', () => {
  it('averages business minutes, counts targets met, and respects record rules', async () => {
    const t = await bootTickets(); // Wed 3 June 2026 09:00 CEST; standard policy: 2 h first response, 16 h resolution
    stop = () => t.stop();
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
    await t.advance('30m');
    await reply(a.id); // A: first response 30 business minutes, met
    await t.advance('30m');
    await resolve(a.id); // A: resolved after 60, met
    await t.advance('150m'); // 12:30 CEST
    await reply(b.id); // B: 09–12 = 180 (lunch does not count), missed (> 120)
    await t.advance('60m'); // 13:30 CEST
    await resolve(b.id); // B: 180 + 30 = 210, met
    await create('C'); // still open
    const value = async (id: string, actor = t.admin) =>
      (await t.kernel.metrics.compute(id, JUNE, { actor })).value;
    expect(await value('tickets.firstResponseTime')).toBe(105); // (30 + 180) / 2
    expect(await value('tickets.resolutionTime')).toBe(135); // (60 + 210) / 2
    expect(await value('tickets.slaMet')).toBe(0.75); // A 2 of 2, B 1 of 2
    expect(await value('tickets.backlog')).toBe(1); // C
    const otherTeam = t.actor(['agent'], { teams: ['desk'] });
    expect(await value('tickets.backlog', otherTeam)).toBe(0);
    expect(await value('tickets.firstResponseTime', otherTeam)).toBeNull();
  });
});
