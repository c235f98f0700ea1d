import { afterEach, describe, expect, it } from 'vitest';
import { bootServer } from '../test-support/boot.js';

type Server = Awaited<ReturnType<typeof bootServer>>;

describe('the customer 360 views', () => {
  let s: Server;
  afterEach(async () => s?.t.stop());

  it('declares the sections, 7P profile, contacts and paged timeline of a customer page, and their routes answer', async () => {
    s = await bootServer();
    const model = (await (await s.request('GET', '/api/console/model', 'admin')).json()) as {
      views: Array<{ id: string; kind: string; entity?: string; content?: { route?: string } }>;
    };
    const onCustomer = model.views.filter((view) => view.entity === 'customer').map((view) => view.id);
    expect(onCustomer).toEqual(
      expect.arrayContaining([
        'customers.customerForm',
        'customers.profile',
        'customers.contacts',
        'customers.timeline',
        'customers.futureValue',
        'customers.mergeDuplicate',
      ]),
    );
    const customer = (await (
      await s.request('POST', '/api/customers', 'admin', {
        kind: 'person',
        name: 'Li Na',
        email: 'li.na@example.cn',
      })
    ).json()) as { id: string };
    for (const id of ['customers.profile', 'customers.timeline']) {
      const route = model.views.find((view) => view.id === id)?.content?.route as string;
      const answer = await s.request('GET', route.replace('{id}', customer.id), 'admin');
      expect(answer.status, id).toBe(200);
    }
    const profile = (await (
      await s.request('GET', `/api/customers/${customer.id}/profile`, 'admin')
    ).json()) as { parts: Record<string, { status: string }> };
    expect(Object.keys(profile.parts)).toHaveLength(7);
  });
});
