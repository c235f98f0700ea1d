import { customers } from '@rapport/plugin-customers';
import { createTestServer } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../entities/ticket.js';
import { customer, seedSla } from '../test-support/boot.js';
import { tickets } from '../tickets-plugin.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('GET /api/tickets/queue', () => {
  it("orders the caller's teams' tickets by SLA urgency, with each target's state", async () => {
    const server = await createTestServer({
      plugins: [customers({ currency: 'EUR' }), tickets()],
      now: '2026-06-03T07:00:00.000Z',
      keys: { admin: ['admin'], agent: { roles: ['agent'], attributes: { teams: 'repairs' } } },
    });
    stop = () => server.t.stop();
    const { t } = server;
    await seedSla(t);
    const acme = await customer(t);
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
