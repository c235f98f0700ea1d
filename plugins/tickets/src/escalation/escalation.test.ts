import { eventLog } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { EscalationFiring, EscalationRule } from '../entities/escalation-rule.js';
import type { Ticket } from '../entities/ticket.js';
import type { TicketReply } from '../entities/ticket-reply.js';
import { bootTickets, customer, seedSla } from '../test-support/boot.js';
import { raisedPriority } from './escalate.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('escalation rules', () => {
  it('raise the priority one step', () => {
    expect(raisedPriority('low')).toBe('normal');
    expect(raisedPriority('high')).toBe('urgent');
    expect(raisedPriority('urgent')).toBe('urgent');
  });

  it('fire once per ticket and occasion on a test clock: reassign, note, notify', async () => {
    const log = eventLog(['tickets.escalation.fired'], ['tickets']);
    const t = await bootTickets({ plugins: [log.plugin] });
    stop = () => t.stop();
    await seedSla(t);
    await t.data<EscalationRule>('escalationRule').create({
      key: 'fr-breach',
      name: 'First response breached',
      on: 'breached',
      target: 'firstResponse',
      actions: { assignTeam: 'leads', note: 'First response overdue', notify: ['lead-1'] },
    });
    await t.data<EscalationRule>('escalationRule').create({
      key: 'risk-raise',
      name: 'At risk: raise',
      on: 'atRisk',
      match: { types: ['complaint'] },
      actions: { raisePriority: true },
    });
    const acme = await customer(t);
    // standard policy: first response 2 h from Wed 09:00 CEST → at risk 10:36, breached after 11:00
    const ticket = await t.data<Ticket>('ticket').create({
      customerId: acme.id,
      type: 'repair',
      subject: 'Gearbox noise',
      team: 'repairs',
    });
    for (let i = 0; i < 30; i += 1) await t.advance('5m'); // to 11:30 CEST
    await t.settle();
    const after = await t.data<Ticket>('ticket').get(ticket.id);
    expect(after.team).toBe('leads');
    expect(after.priority).toBe('normal'); // the complaint rule does not match a repair
    const notes = await t.data<TicketReply>('ticketReply').find({ where: { ticketId: ticket.id } });
    expect(notes.items.map((n) => [n.author, n.public, n.body])).toEqual([
      ['system', false, 'First response overdue'],
    ]);
    const firings = await t
      .data<EscalationFiring>('escalationFiring')
      .find({ where: { ticketId: ticket.id } });
    expect(firings.items.map((f) => f.rule)).toEqual(['fr-breach']);
    expect(log.seen.map((e) => e.payload)).toEqual([
      expect.objectContaining({ ticketId: ticket.id, rule: 'fr-breach', notify: ['lead-1'] }),
    ]);
    // more time and more writes: no second firing for the same occasion
    await t.data<Ticket>('ticket').update(ticket.id, { subject: 'Gearbox noise (line 2)' });
    for (let i = 0; i < 6; i += 1) await t.advance('10m');
    await t.settle();
    expect(
      (await t.data<EscalationFiring>('escalationFiring').find({ where: { ticketId: ticket.id } })).items,
    ).toHaveLength(1);
  });

  it('raise an at-risk complaint once', async () => {
    const t = await bootTickets();
    stop = () => t.stop();
    await seedSla(t);
    await t.data<EscalationRule>('escalationRule').create({
      key: 'risk-raise',
      name: 'At risk: raise',
      on: 'atRisk',
      match: { types: ['complaint'] },
      actions: { raisePriority: true },
    });
    const acme = await customer(t);
    const ticket = await t
      .data<Ticket>('ticket')
      .create({ customerId: acme.id, type: 'complaint', subject: 'Rude driver', priority: 'low' });
    for (let i = 0; i < 22; i += 1) await t.advance('5m'); // 10:50 CEST: at risk (1 h 36 min used)
    await t.settle();
    expect((await t.data<Ticket>('ticket').get(ticket.id)).priority).toBe('normal');
  });
});
