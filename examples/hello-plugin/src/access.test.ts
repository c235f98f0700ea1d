import { createTestServer, type TestServer } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Greeting } from './greeting-entity.js';
import { hello } from './hello-plugin.js';
import { type Person, people } from './people-plugin.js';

type Keys = 'admin' | 'ann' | 'ben' | 'viewer';
const KEYS = {
  admin: ['admin'],
  ann: { roles: ['greeter'], attributes: { userId: 'u-ann' } },
  ben: { roles: ['greeter'], attributes: { userId: 'u-ben' } },
  viewer: ['viewer'],
};

describe('roles and record rules of the hello plugin, over HTTP', () => {
  let s: TestServer<Keys>;
  afterEach(() => s.stop());

  async function twoOwners() {
    s = await createTestServer<Keys>({
      plugins: [people(), hello()],
      keys: KEYS,
      now: '2026-04-01T08:00:00Z',
    });
    for (const [name, ownerId] of [
      ['Ada', 'u-ann'],
      ['Alan', 'u-ann'],
      ['Bea', 'u-ben'],
    ] as const) {
      await s.t.data<Person>('person').create({ name, ownerId });
    }
    await s.t.settle();
  }

  it('shows a greeter only the people and greetings they own, in lists, counts and metrics', async () => {
    await twoOwners();
    const list = await s.json<{ items: Greeting[] }>('GET', '/api/greetings?sort=text', 'ann');
    expect(list.status).toBe(200);
    expect(list.body.items.map((g) => g.text)).toEqual(['Good morning, Ada!', 'Good morning, Alan!']);
    const people = await s.json<{ items: Person[] }>('GET', '/api/people', 'ben');
    expect(people.body.items.map((p) => p.name)).toEqual(['Bea']);
    const metric = await s.json<{ value: number }>(
      'GET',
      '/api/metrics/hello.greetingsSent?from=2026-04-01T00:00:00Z&to=2026-04-02T00:00:00Z',
      'ben',
    );
    expect(metric).toMatchObject({ status: 200, body: { value: 1 } });
    const all = await s.json<{ value: number }>(
      'GET',
      '/api/metrics/hello.greetingsSent?from=2026-04-01T00:00:00Z&to=2026-04-02T00:00:00Z',
      'admin',
    );
    expect(all.body.value).toBe(3);
  });

  it('issues rating links with `greeting:link` only, and only for greetings the key may see', async () => {
    await twoOwners();
    const { items } = await s.t.data<Greeting>('greeting').find({ sort: ['text'] });
    const [ada, , bea] = items as [Greeting & { id: string }, unknown, Greeting & { id: string }];
    expect((await s.request('POST', `/api/hello/greetings/${ada.id}/rating-link`, 'ann')).status).toBe(201);
    expect((await s.request('POST', `/api/hello/greetings/${bea.id}/rating-link`, 'ann')).status).toBe(404);
    const refused = await s.json<{ code: string }>(
      'POST',
      `/api/hello/greetings/${ada.id}/rating-link`,
      'viewer',
    );
    expect(refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });
});
