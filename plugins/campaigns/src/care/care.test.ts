import { SYSTEM_ACTOR } from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import { tickets } from '@rapport/plugin-tickets';
import { afterEach, describe, expect, it } from 'vitest';
import type { CareSend } from '../entities/care-send.js';
import { bootCampaigns, type CampaignsTest } from '../test-support/boot.js';

type Sent = { customerId: string; queuedAt: string; status: string; source?: { entity?: string } };

describe('care rules at a local hour', () => {
  let t: CampaignsTest;
  afterEach(() => t.stop());

  const careMessages = async () =>
    (
      await t.kernel.data<Sent>('message', { actor: SYSTEM_ACTOR }).find({ limit: 100, sort: ['queuedAt'] })
    ).items
      .filter((m) => m.source?.entity === 'careRule' && m.status !== 'suppressed')
      .map((m) => [m.customerId, m.queuedAt]);

  async function birthdayRule() {
    await t.data('careRule').create({
      name: 'Birthday greeting',
      trigger: 'birthday',
      channels: [{ channel: 'email', templateKey: 'spring' }],
      localHour: 9,
    });
  }

  it('greets on the birthday at 09:00 local time, across the spring and autumn DST changes, once', async () => {
    t = await bootCampaigns({ now: '2026-03-28T20:00:00.000Z' });
    const [berlin, newYork, noConsent] = (await t.customers(
      3,
      (i) =>
        ({
          timeZone: i === 1 ? 'America/New_York' : 'Europe/Berlin',
          birthday: i === 1 ? '11-01' : '03-29',
        }) as Partial<Customer>,
    )) as string[];
    await t.consent([berlin, newYork] as string[]);
    await birthdayRule();
    for (let step = 0; step < 4 * 24; step += 1) await t.advance('15m'); // through 29 March (clocks go forward)
    // 09:00 in Berlin on 29 March 2026 is 07:00 UTC (CEST, +2), not 08:00 (CET)
    expect(await careMessages()).toEqual([[berlin, '2026-03-29T07:00:00.000Z']]);
    const refused = (
      await t.kernel.data<CareSend>('careSend', { actor: SYSTEM_ACTOR }).find({ limit: 10 })
    ).items.find((s) => s.customerId === noConsent);
    expect(refused).toMatchObject({ occasion: 'birthday:2026', reason: { code: 'consent.missing' } });
    // New York on 1 November 2026: the clocks go back at 02:00; 09:00 EST is 14:00 UTC
    t.clock.set(Date.parse('2026-10-31T20:00:00.000Z'));
    for (let step = 0; step < 4 * 24; step += 1) await t.advance('15m');
    expect((await careMessages()).at(-1)).toEqual([newYork, '2026-11-01T14:00:00.000Z']);
    expect(await careMessages()).toHaveLength(2);
  });

  it('cares for valuable customers who stopped buying, once per lapse', async () => {
    t = await bootCampaigns({ now: '2026-06-01T06:00:00.000Z', timeZone: 'Europe/Berlin' });
    await t.data('careRule').create({
      name: 'We miss you',
      trigger: 'inactivity',
      days: 60,
      channels: [{ channel: 'email', templateKey: 'spring' }],
      localHour: 10,
    });
    const [valuable, small] = (await t.customers(2)) as string[];
    await t.consent([valuable, small] as string[]);
    const system = t.kernel.data<Customer>('customer', { actor: SYSTEM_ACTOR });
    const lapsed = {
      lifetime: { amount: 1, currency: 'EUR' },
      window: { amount: 0, currency: 'EUR' },
      purchases: 3,
      windowPurchases: 0,
      lastPurchaseAt: '2026-03-01T10:00:00.000Z',
    };
    await system.update(valuable as string, { abcClass: 'A', value: lapsed });
    await system.update(small as string, { abcClass: 'C', value: lapsed });
    // (the care job's own run, at chosen instants: the customers plugin's nightly recompute would
    // reclassify these hand-made customers)
    t.clock.set(Date.parse('2026-06-01T07:59:00.000Z'));
    expect(await t.service.care()).toEqual({ sent: 0, refused: 0 }); // 09:59 in Berlin
    t.clock.set(Date.parse('2026-06-01T08:00:00.000Z'));
    expect(await t.service.care()).toEqual({ sent: 1, refused: 0 });
    expect(await careMessages()).toEqual([[valuable, '2026-06-01T08:00:00.000Z']]); // 10:00 CEST
    t.clock.set(Date.parse('2026-06-02T08:00:00.000Z'));
    expect(await t.service.care()).toEqual({ sent: 0, refused: 0 });
    expect(await careMessages()).toHaveLength(1);
  });

  it('follows up 3 days after a ticket was resolved, at the local hour', async () => {
    t = await bootCampaigns({
      plugins: [tickets()],
      now: '2026-06-01T10:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
    await t.data('careRule').create({
      name: 'How did we do?',
      trigger: 'afterTicketClosed',
      days: 3,
      channels: [{ channel: 'email', templateKey: 'spring' }],
      localHour: 11,
    });
    const [ada] = (await t.customers(1)) as string[];
    await t.consent([ada as string]);
    const ticket = await t
      .data('ticket')
      .create({ customerId: ada, type: 'inquiry', subject: 'Where is my order?' });
    await t.data('ticket').update(ticket.id, { status: 'resolved', resolution: 'Shipped today.' });
    t.clock.set(Date.parse('2026-06-04T08:59:00.000Z')); // 10:59 in Berlin, 3 days on
    expect(await t.service.care()).toEqual({ sent: 0, refused: 0 });
    t.clock.set(Date.parse('2026-06-04T09:00:00.000Z'));
    expect(await t.service.care()).toEqual({ sent: 1, refused: 0 });
    expect(await t.service.care()).toEqual({ sent: 0, refused: 0 });
    const sends = (await t.kernel.data<CareSend>('careSend', { actor: SYSTEM_ACTOR }).find({ limit: 5 }))
      .items;
    expect(sends.map((s) => s.occasion)).toEqual([`ticket:${ticket.id}`]);
  });

  it('marks the first purchase’s anniversary on its local day', async () => {
    t = await bootCampaigns({ now: '2026-06-01T06:00:00.000Z', timeZone: 'Europe/Berlin' });
    await t.data('careRule').create({
      name: 'A year with us',
      trigger: 'firstPurchaseAnniversary',
      channels: [{ channel: 'email', templateKey: 'spring' }],
    });
    const [ada, bob] = (await t.customers(2)) as string[];
    await t.consent([ada as string, bob as string]);
    const system = t.kernel.data<Customer>('customer', { actor: SYSTEM_ACTOR });
    const value = (firstPurchaseAt: string) => ({
      lifetime: { amount: 1, currency: 'EUR' },
      window: { amount: 0, currency: 'EUR' },
      purchases: 1,
      windowPurchases: 0,
      firstPurchaseAt,
    });
    await system.update(ada as string, { value: value('2025-05-31T23:30:00.000Z') }); // 1 June 01:30 in Berlin
    await system.update(bob as string, { value: value('2025-06-02T10:00:00.000Z') });
    t.clock.set(Date.parse('2026-06-01T07:00:00.000Z')); // 09:00 in Berlin
    expect(await t.service.care()).toEqual({ sent: 1, refused: 0 });
    const sends = (await t.kernel.data<CareSend>('careSend', { actor: SYSTEM_ACTOR }).find({ limit: 5 }))
      .items;
    expect(sends.map((s) => [s.customerId, s.occasion])).toEqual([[ada, 'anniversary:2026']]);
  });
});
