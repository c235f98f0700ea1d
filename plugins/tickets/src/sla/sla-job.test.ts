import { customers } from '@rapport/plugin-customers';
import { createTestKernel } from '@rapport/testing';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../entities/ticket.js';
import { TICKETS } from '../service.js';
import { customer, seedSla } from '../test-support/boot.js';
import { tickets } from '../tickets-plugin.js';

describe('the SLA job', () => {
  it('pages through every due ticket up to its batch, past the store page cap', async () => {
    const t = await createTestKernel({
      plugins: [customers({ currency: 'EUR' }), tickets({ slaBatch: 5 })],
      now: '2026-06-03T07:00:00.000Z',
      query: { maxLimit: 2 }, // a page of two: the job must not stop at the first page
    });
    try {
      await seedSla(t);
      const acme = await customer(t);
      for (let i = 0; i < 7; i += 1) {
        await t
          .data<Ticket>('ticket')
          .create({ customerId: acme.id, type: 'repair', priority: 'urgent', subject: `U${i}` });
      }
      t.clock.advance(25 * 60_000); // 80 % of the 30-minute first response: every one at risk
      const service = t.kernel.resolve(TICKETS);
      expect(await service.runSla()).toEqual({ touched: 5 }); // the batch
      expect(await service.runSla()).toEqual({ touched: 2 }); // the rest
      expect(await service.runSla()).toEqual({ touched: 0 });
    } finally {
      await t.stop();
    }
  });
});
