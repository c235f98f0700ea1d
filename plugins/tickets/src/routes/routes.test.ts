import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../entities/ticket.js';
import { bootTicketsServer, customer, seedSla } from '../test-support/boot.js';

let stop: (() => Promise<void>) | undefined;

/** A test server with the SLA seeded, an admin and a repairs agent, and a customer. */
async function bootServer() {
  const server = await bootTicketsServer({
    keys: { admin: ['admin'], agent: { roles: ['agent'], attributes: { teams: 'repairs' } } },
  });
  stop = () => server.t.stop();
  await seedSla(server.t);
  return { server, t: server.t, acme: await customer(server.t) };
}
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('GET /api/tickets/queue', () => {
  it("orders the caller's teams' tickets by SLA urgency, with each target's state", async () => {
    const { server, t, acme } = await bootServer();
    const normal = await t
      .data<Ticket>('ticket')
      .create({ customerId: acme.id, type: 'repair', subject: 'N', team: 'repairs' });
    await t.advance('10m');
    const urgent = await t.data<Ticket>('ticket').create({
      customerId: acme.id,
      type: 'repair',
      priority: 'urgent',
      subject: 'U',
      team: 'repairs',
    });
    await t
      .data<Ticket>('ticket')
      .create({ customerId: acme.id, type: 'inquiry', subject: 'Other team', team: 'desk' });
    await t.advance('25m'); // 09:35 CEST: urgent first response (09:10 + 30 min, at risk from 09:34)
    const { status, body } = await server.json<{ items: Array<Record<string, unknown>> }>(
      'GET',
      '/api/tickets/queue',
      'agent',
    );
    expect(status).toBe(200);
    expect(body.items.map((i) => i.id)).toEqual([urgent.id, normal.id]);
    expect(body.items[0]).toMatchObject({
      nearestDueAt: '2026-06-03T07:40:00.000Z',
      targets: { firstResponse: 'atRisk' },
    });
    expect(body.items[1]).toMatchObject({ targets: { firstResponse: 'onTrack', resolution: 'onTrack' } });
    const bad = await server.json('GET', '/api/tickets/queue?limit=0', 'agent');
    expect(bad.status).toBe(400);
    // the entity routes are still there beside it
    expect((await server.json('GET', `/api/tickets/${urgent.id}`, 'agent')).status).toBe(200);
  });
});

describe('GET /api/tickets/stats', () => {
  it("answers the backlog breakdown and the period's figures as the caller, and names a bad parameter", async () => {
    const { server, t, acme } = await bootServer();
    const create = (input: Partial<Ticket>) =>
      t.data<Ticket>('ticket').create({ customerId: acme.id, type: 'repair', subject: 'S', ...input });
    await create({ team: 'repairs', priority: 'urgent' });
    const done = await create({ team: 'repairs', type: 'complaint', channel: 'phone' });
    await create({ team: 'desk', type: 'inquiry' });
    await t.advance('30m');
    await t
      .data('ticketReply')
      .create({ ticketId: done.id, author: 'agent', body: 'On it', channel: 'phone' });
    await t.data<Ticket>('ticket').update(done.id, { status: 'resolved', resolution: 'Refunded' });

    type Stats = Record<string, unknown> & {
      backlog: Record<string, unknown>;
      created: Record<string, unknown>;
    };
    const admin = await server.json<Stats>('GET', '/api/tickets/stats?period=month&at=2026-06-03', 'admin');
    expect(admin.status).toBe(200);
    expect(admin.body).toMatchObject({
      from: '2026-06-01T00:00:00.000Z',
      to: '2026-07-01T00:00:00.000Z',
      resolved: 1,
      firstResponseMinutes: 30,
      resolutionMinutes: 30,
      slaMet: 1,
      csat: null,
      complaintRate: 100, // one complaint, one customer
      reopenRate: 0,
    });
    expect(admin.body.backlog).toMatchObject({
      total: 2,
      status: [{ value: 'new', count: 2 }],
      team: [
        { value: 'desk', count: 1 },
        { value: 'repairs', count: 1 },
      ],
      priority: [
        { value: 'normal', count: 1 },
        { value: 'urgent', count: 1 },
      ],
    });
    expect(admin.body.created).toMatchObject({
      total: 3,
      type: [
        { value: 'repair', count: 1 },
        { value: 'complaint', count: 1 },
        { value: 'inquiry', count: 1 },
      ].sort((a, b) => a.value.localeCompare(b.value)),
      channel: [
        { value: 'api', count: 2 },
        { value: 'phone', count: 1 },
      ],
    });
    // an agent of the repairs team: its tickets only
    const agent = await server.json<Stats>('GET', '/api/tickets/stats?period=month&at=2026-06-03', 'agent');
    expect(agent.body.backlog).toMatchObject({ total: 1, team: [{ value: 'repairs', count: 1 }] });
    expect(agent.body.created).toMatchObject({ total: 2 });

    const unknown = await server.json<{ details?: Record<string, unknown> }>(
      'GET',
      '/api/tickets/stats?team=repairs',
      'agent',
    );
    expect(unknown.status).toBe(400);
    const badFrom = await server.json<{ details?: Record<string, unknown> }>(
      'GET',
      '/api/tickets/stats?from=yesterday',
      'agent',
    );
    expect(badFrom.status).toBe(400);
    expect(badFrom.body.details).toMatchObject({ field: 'from', rule: 'period' });
  });
});
