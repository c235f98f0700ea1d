import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../entities/customer.js';
import type { InteractionChannel } from '../entities/vocabulary.js';
import { CUSTOMERS } from '../service.js';
import { bootCustomers } from '../test-support/boot.js';
import { ordersTestPlugin, type TestOrder } from '../test-support/orders-plugin.js';
import type { TimelineItem } from './timeline-types.js';

const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 4, day, hour)).toISOString();

describe('timeline', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  const seed = async () => {
    t = await bootCustomers({
      plugins: [ordersTestPlugin()],
      access: { roles: { interactionsOnly: ['customer:read', 'interaction:read'] } },
    });
    const acme = await t.data<Customer>('customer').create({ kind: 'organisation', name: 'ACME' });
    const other = await t.data<Customer>('customer').create({ kind: 'organisation', name: 'Other' });
    const channels: InteractionChannel[] = [
      'phone',
      'email',
      'company-visit',
      'technical-exchange',
      'chat',
      'meeting',
    ];
    // Interactions on days 1..12 (two on day 5 at the same instant) and orders on days 3, 5, 8, 12.
    for (let day = 1; day <= 12; day += 1) {
      await t.data('interaction').create({
        customerId: acme.id,
        channel: channels[day % channels.length] as InteractionChannel,
        direction: day % 2 ? 'inbound' : 'outbound',
        subject: `Interaction day ${day}`,
        occurredAt: at(day),
      });
    }
    await t.data('interaction').create({
      customerId: acme.id,
      channel: 'sms',
      direction: 'outbound',
      subject: 'Same instant',
      occurredAt: at(5),
    });
    for (const day of [3, 5, 8, 12]) {
      await t.data<TestOrder>('testOrder').create({
        customerId: acme.id,
        title: `Order day ${day}`,
        total: { amount: 10_00, currency: 'EUR' },
        placedAt: at(day),
        product: 'anvil',
      });
    }
    await t.data('interaction').create({
      customerId: other.id,
      channel: 'phone',
      direction: 'inbound',
      subject: 'Not ACME',
      occurredAt: at(6),
    });
    return acme;
  };

  it("pages through interactions and other plugins' items, newest first, without repeats or gaps", async () => {
    const acme = await seed();
    const service = t.kernel.resolve(CUSTOMERS);
    const pages: TimelineItem[][] = [];
    let cursor: string | undefined;
    do {
      const page = await service.timeline(t.admin, acme.id, { limit: 5, ...(cursor ? { cursor } : {}) });
      pages.push(page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 2]);
    const all = pages.flat();
    expect(all).toHaveLength(17); // 13 interactions + 4 orders, none of the other customer's
    expect(new Set(all.map((i) => i.id)).size).toBe(17);
    const order = [...all].sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
    expect(all.map((i) => i.id)).toEqual(order.map((i) => i.id));
    expect(all[0]).toMatchObject({ at: at(12), source: expect.any(String) });
    expect(all.filter((i) => i.source === 'orders').map((i) => i.title)).toEqual([
      'Order day 12',
      'Order day 8',
      'Order day 5',
      'Order day 3',
    ]);
    expect(all.find((i) => i.title === 'Interaction day 3')).toMatchObject({
      source: 'customers',
      type: 'interaction',
      channel: 'technical-exchange',
      direction: 'inbound',
      byId: t.admin.id,
      ref: { entity: 'interaction' },
    });
    const day5 = all.filter((i) => i.at === at(5));
    expect(day5).toHaveLength(3); // two interactions and an order at one instant, ordered by id
    expect(day5.map((i) => i.id)).toEqual(
      day5
        .map((i) => i.id)
        .sort()
        .reverse(),
    );
  });

  it('leaves out sources the reader may not read', async () => {
    const acme = await seed();
    const page = await t.kernel
      .resolve(CUSTOMERS)
      .timeline(t.actor(['interactionsOnly']), acme.id, { limit: 50 });
    expect(page.items).toHaveLength(13);
    expect(page.items.every((i) => i.source === 'customers')).toBe(true);
  });

  it('refuses bad paging and unknown customers', async () => {
    const acme = await seed();
    const service = t.kernel.resolve(CUSTOMERS);
    await expect(service.timeline(t.admin, acme.id, { cursor: 'garbage!' })).rejects.toMatchObject({
      code: 'INVALID_QUERY',
    });
    await expect(service.timeline(t.admin, acme.id, { limit: 0 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(service.timeline(t.admin, acme.id, { limit: 101 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(service.timeline(t.admin, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
