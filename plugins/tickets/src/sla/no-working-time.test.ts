import { afterEach, describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../entities/business-calendar.js';
import type { SlaPolicy } from '../entities/sla-policy.js';
import type { Ticket } from '../entities/ticket.js';
import { bootTicketsServer, customer } from '../test-support/boot.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('a calendar without the working time a target needs', () => {
  it('is a 400 on the ticket naming the policy and calendar, never a 500, and writes nothing', async () => {
    const server = await bootTicketsServer();
    stop = () => server.t.stop();
    const { t } = server;
    // one working minute a week: about 522 minutes in the ten years the engine scans
    await t.data<BusinessCalendar>('businessCalendar').create({
      key: 'sparse',
      name: 'Sparse',
      timeZone: 'Europe/Berlin',
      hours: { mon: [{ from: '09:00', to: '09:01' }] },
    });
    await t.data<SlaPolicy>('slaPolicy').create({
      key: 'slow',
      name: 'Slow',
      order: 1,
      calendar: 'sparse',
      resolutionMinutes: 600,
    });
    const acme = await customer(t);
    const res = await server.json<{ code: string; errors?: Array<Record<string, unknown>> }>(
      'POST',
      '/api/tickets',
      'admin',
      { customerId: acme.id, type: 'repair', subject: 'Never due' },
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body)).toContain("calendar 'sparse' of SLA policy 'slow' has no working time");
    expect(JSON.stringify(res.body)).toContain('slaPolicy');
    expect(await t.data<Ticket>('ticket').count({})).toBe(0);
  });
});
