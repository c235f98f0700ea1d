import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { EscalationFiring, EscalationRule } from '../entities/escalation-rule.js';
import type { Ticket } from '../entities/ticket.js';
import type { TicketReply } from '../entities/ticket-reply.js';
import { bootTickets, customer, seedSla } from '../test-support/boot.js';

let t: TestKernel | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

/** Moves the clock in ten-minute steps so the SLA job runs along the way. */
async function pass(kernel: TestKernel, minutes: number) {
  for (let left = minutes; left > 0; left -= 10) await kernel.advance(`${Math.min(10, left)}m`);
  await kernel.settle();
}

describe('the noUpdate escalation trigger', () => {
  it('fires once per quiet stretch, counted in business hours, and starts again after an update', async () => {
    t = await bootTickets(); // Wed 3 June 2026 09:00 CEST; Berlin calendar 09–12, 13–18
    await seedSla(t);
    const rules = t.data<EscalationRule>('escalationRule');
    await expect(
      rules.create({ key: 'bad', name: 'Bad', on: 'noUpdate', actions: { note: 'x' } }),
    ).rejects.toThrow("hours is required when on is 'noUpdate'");
    await expect(
      rules.create({ key: 'bad', name: 'Bad', on: 'breached', hours: 2, actions: { note: 'x' } }),
    ).rejects.toThrow("hours applies only to on 'noUpdate'");
    await rules.create({
      key: 'quiet-3h',
      name: 'No update for 3 business hours',
      on: 'noUpdate',
      hours: 3,
      match: { teams: ['repairs'] },
      actions: { note: 'No update for 3 business hours', notify: ['lead-1'] },
    });
    const acme = await customer(t);
    const ticket = await t
      .data<Ticket>('ticket')
      .create({ customerId: acme.id, type: 'repair', subject: 'Press 4', team: 'repairs' });
    const waiting = await t
      .data<Ticket>('ticket')
      .create({ customerId: acme.id, type: 'repair', subject: 'Waiting', team: 'repairs' });
    await t.data<Ticket>('ticket').update(waiting.id, { status: 'pending' });
    await pass(t, 30);
    await t
      .data<TicketReply>('ticketReply')
      .create({ ticketId: ticket.id, author: 'agent', body: 'Looking into it', channel: 'email' });
    // 09:30 + 3 business hours = 12:00 (2.5 h), lunch, then 13:00–13:30
    expect((await t.data<Ticket>('ticket').get(ticket.id)).slaNextChangeAt).toBe('2026-06-03T11:30:00.000Z');
    const firings = () =>
      t?.data<EscalationFiring>('escalationFiring').find({ where: { rule: 'quiet-3h' }, sort: ['firedAt'] });
    await pass(t, 200); // 12:50 CEST: 3 h 20 on the wall clock, 2.5 business hours
    expect((await firings())?.items).toEqual([]);
    await pass(t, 50); // 13:40 CEST
    expect((await firings())?.items.map((f) => [f.ticketId, f.occasion])).toEqual([
      [ticket.id, 'noUpdate:2026-06-03T07:30:00.000Z'],
    ]);
    const notes = await t
      .data<TicketReply>('ticketReply')
      .find({ where: { ticketId: ticket.id, author: 'system' } });
    expect(notes.items.map((n) => [n.body, n.public])).toEqual([['No update for 3 business hours', false]]);
    await pass(t, 60); // still quiet: the same occasion does not fire again; the system note is no update
    expect((await firings())?.items).toHaveLength(1);
    // a person's update starts a new stretch: 14:40 + 3 business hours = 17:40
    await t.data<Ticket>('ticket').update(ticket.id, { status: 'open' });
    await pass(t, 170);
    expect((await firings())?.items).toHaveLength(1);
    await pass(t, 20);
    expect((await firings())?.items.map((f) => f.occasion)).toEqual([
      'noUpdate:2026-06-03T07:30:00.000Z',
      'noUpdate:2026-06-03T12:40:00.000Z',
    ]);
    // the pending ticket waits on the customer: never quiet
    expect((await firings())?.items.some((f) => f.ticketId === waiting.id)).toBe(false);
  });
});
