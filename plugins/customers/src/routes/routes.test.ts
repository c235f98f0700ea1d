import { afterEach, describe, expect, it } from 'vitest';
import type { Customer, CustomerRecord } from '../entities/customer.js';
import { bootServer } from '../test-support/boot.js';
import { ordersTestPlugin } from '../test-support/orders-plugin.js';

type Server = Awaited<ReturnType<typeof bootServer>>;

describe('HTTP routes', () => {
  let s: Server;
  afterEach(async () => s?.t.stop());

  const create = async (body: Customer) => {
    const res = await s.request('POST', '/api/customers', 'agent', body);
    expect(res.status).toBe(201);
    return (await res.json()) as CustomerRecord;
  };

  it('answers a duplicate with a 409 problem naming the existing customer', async () => {
    s = await bootServer({ options: { defaultRegion: 'CN' } });
    const li = await create({ kind: 'person', name: 'Li Wei', phone: '138 0013 8000' });
    expect(li.phone).toBe('+8613800138000');
    const res = await s.request('POST', '/api/customers', 'agent', {
      kind: 'person',
      name: 'Wei Li',
      phone: '+86 13800138000',
    });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as Record<string, unknown>;
    // The one conflict shape of docs/api.md: the facts in `details`, nothing beside them.
    expect(problem).toEqual({
      type: 'https://rapport.dev/problems/conflict',
      title: 'Conflict',
      status: 409,
      code: 'CONFLICT',
      detail: expect.stringContaining(li.id),
      instance: '/api/customers',
      requestId: expect.any(String),
      details: {
        kind: 'unique',
        entity: 'customer',
        fields: ['phone'],
        field: 'phone',
        value: '+8613800138000',
        existingId: li.id,
      },
    });
    // Under If-Match too, a taken phone stays a 409 (not a 412).
    const other = await create({ kind: 'person', name: 'Other' });
    const patch = await s.app.request(`/api/customers/${other.id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${s.keys.agent.key}`,
        'content-type': 'application/json',
        'if-match': '"v1"',
      },
      body: JSON.stringify({ phone: '13800138000' }),
    });
    expect(patch.status).toBe(409);
    const bad = await s.request('POST', '/api/customers', 'agent', {
      kind: 'person',
      name: 'X',
      phone: '1234',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ path: 'phone', rule: 'customers.phone' }] });
  });

  it('serves the timeline, the profile and the lookup as the caller', async () => {
    s = await bootServer({ plugins: [ordersTestPlugin()], options: { defaultRegion: 'DE' } });
    const ada = await create({ kind: 'person', name: 'Ada', phone: '0151 23456789' });
    for (let i = 0; i < 3; i += 1) {
      const res = await s.request('POST', '/api/interactions', 'agent', {
        customerId: ada.id,
        channel: 'phone',
        direction: 'inbound',
        subject: `Call ${i}`,
        occurredAt: `2026-05-0${i + 1}T10:00:00Z`,
      });
      expect(res.status).toBe(201);
    }
    const first = await s.request('GET', `/api/customers/${ada.id}/timeline?limit=2`, 'viewer');
    expect(first.status).toBe(200);
    const page = (await first.json()) as { items: Array<{ title: string }>; nextCursor: string };
    expect(page.items.map((i) => i.title)).toEqual(['Call 2', 'Call 1']);
    const second = await s.request(
      'GET',
      `/api/customers/${ada.id}/timeline?limit=2&cursor=${page.nextCursor}`,
      'viewer',
    );
    expect(await second.json()).toEqual({ items: [expect.objectContaining({ title: 'Call 0' })] });
    expect((await s.request('GET', `/api/customers/${ada.id}/timeline?limit=abc`, 'viewer')).status).toBe(
      400,
    );
    expect((await s.request('GET', '/api/customers/missing/timeline', 'viewer')).status).toBe(404);

    const profile = await s.request('GET', `/api/customers/${ada.id}/profile`, 'viewer');
    expect(await profile.json()).toMatchObject({
      parts: { profiling: { status: 'available' }, promotion: { status: 'absent' } },
    });

    const lookup = await s.request(
      'GET',
      `/api/customers/lookup?phone=${encodeURIComponent('+49 151 2345 6789')}`,
      'viewer',
    );
    expect(await lookup.json()).toEqual({ items: [expect.objectContaining({ id: ada.id })] });
    expect((await s.request('GET', '/api/customers/lookup', 'viewer')).status).toBe(400);
  });

  it('merges for managers only', async () => {
    s = await bootServer();
    const a = await create({ kind: 'organisation', name: 'ACME' });
    const b = await create({ kind: 'organisation', name: 'ACME dup', email: 'x@acme.example' });
    expect((await s.request('POST', `/api/customers/${a.id}/merge`, 'agent', { from: b.id })).status).toBe(
      403,
    );
    expect((await s.request('POST', `/api/customers/${a.id}/merge`, 'manager', {})).status).toBe(400);
    expect(
      (await s.request('POST', `/api/customers/${a.id}/merge`, 'manager', 'nope', { type: 'text/plain' }))
        .status,
    ).toBe(415);
    // a preview answers what the merge would do, for managers only, and changes nothing
    expect(
      (await s.request('POST', `/api/customers/${a.id}/merge-preview`, 'agent', { from: b.id })).status,
    ).toBe(403);
    expect((await s.request('POST', `/api/customers/${a.id}/merge-preview`, 'manager', {})).status).toBe(400);
    const preview = await s.request('POST', `/api/customers/${a.id}/merge-preview`, 'manager', {
      from: b.id,
    });
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ mergedId: b.id, filled: ['email'] });
    expect((await s.request('GET', `/api/customers/${b.id}`, 'manager')).status).toBe(200);
    const res = await s.request('POST', `/api/customers/${a.id}/merge`, 'manager', { from: b.id });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      survivor: { id: a.id, email: 'x@acme.example' },
      mergedId: b.id,
    });
    expect((await s.request('GET', `/api/customers/${b.id}`, 'manager')).status).toBe(404);
    expect((await s.request('POST', '/api/customer-merges', 'admin', { survivorId: 'x' })).status).toBe(400);
  });

  it('recomputes on demand for managers', async () => {
    s = await bootServer();
    const a = await create({ kind: 'person', name: 'A' });
    const value = await s.request('POST', '/api/customer-values', 'manager', {
      customerId: a.id,
      amount: { amount: 1000, currency: 'EUR' },
      at: '2026-05-30T00:00:00Z',
    });
    expect(value.status).toBe(201);
    expect((await s.request('POST', '/api/customers/recompute', 'agent')).status).toBe(403);
    const res = await s.request('POST', '/api/customers/recompute', 'manager');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ customers: 1, classes: { A: 1 }, stages: { new: 1 } });
  });

  it('imports CSV, reporting every rejected row with its reason', async () => {
    s = await bootServer({ options: { defaultRegion: 'DE' } });
    const existing = await create({ kind: 'person', name: 'Existing', email: 'taken@example.com' });
    const csv = [
      'name,kind,phone,email,category,objective.industry,objective.employees,tags',
      'ACME GmbH,organisation,030 1234567,info@acme.example,intermediary,machinery,120,dealer;vip',
      'Ada,person,,ADA@example.com,consumer,,,',
      'Dup phone,person,+49 30 1234567,,consumer,,,',
      'Taken,person,,taken@example.com,consumer,,,',
      'Bad phone,person,12,,consumer,,,',
      ',person,,,consumer,,,',
      'Wrong kind,robot,,,consumer,,,',
      'Bad number,organisation,,,public,,many,',
    ].join('\n');
    const dry = await s.request('POST', '/api/customers/import?dryRun=true', 'manager', csv, {
      type: 'text/csv',
    });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ total: 8, created: 2, dryRun: true, createdIds: [] });
    expect((await s.request('GET', '/api/customers', 'manager')).status).toBe(200);

    const res = await s.request('POST', '/api/customers/import', 'manager', csv, { type: 'text/csv' });
    expect(res.status).toBe(201);
    const report = (await res.json()) as { created: number; createdIds: string[]; rejected: unknown[] };
    expect(report.created).toBe(2);
    expect(report.rejected).toEqual([
      {
        row: 3,
        code: 'CONFLICT',
        reason: 'phone +49301234567 already appears in row 1 of this import',
        field: 'phone',
        duplicateOfRow: 1,
      },
      {
        row: 4,
        code: 'CONFLICT',
        reason: expect.stringContaining(existing.id),
        field: 'email',
        existingId: existing.id,
      },
      { row: 5, code: 'VALIDATION_FAILED', reason: expect.stringContaining('phone'), field: 'phone' },
      { row: 6, code: 'VALIDATION_FAILED', reason: expect.any(String), field: 'name' },
      { row: 7, code: 'VALIDATION_FAILED', reason: expect.stringContaining('kind'), field: 'kind' },
      { row: 8, code: 'VALIDATION_FAILED', reason: expect.any(String), field: 'objective.employees' },
    ]);
    const acme = (await (
      await s.request('GET', `/api/customers/${report.createdIds[0]}`, 'manager')
    ).json()) as CustomerRecord;
    expect(acme).toMatchObject({
      phone: '+49301234567',
      category: 'intermediary',
      objective: { industry: 'machinery', employees: 120 },
      tags: ['dealer', 'vip'],
    });

    const unknown = await s.request('POST', '/api/customers/import', 'manager', 'name,colour\nX,red', {
      type: 'text/csv',
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ errors: [{ path: 'colour' }] });
    expect((await s.request('POST', '/api/customers/import', 'agent', '[]')).status).toBe(403);
    const json = await s.request('POST', '/api/customers/import', 'manager', [
      { kind: 'person', name: 'J' },
      'nope',
    ]);
    expect(await json.json()).toMatchObject({
      created: 1,
      rejected: [{ row: 2, code: 'VALIDATION_FAILED' }],
    });
  });

  it('refuses bodies nested 10,000 deep with a 400 naming the limit, and writes nothing', async () => {
    s = await bootServer();
    const arrays = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const objects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const ada = await create({ kind: 'person', name: 'Ada' });
    const row = (deep: string) => `{"kind":"person","name":"Deep","objective":${deep}}`;
    const refused = [
      ['POST', '/api/customers/import', `[${row(arrays)}]`, 'the import', '0'],
      ['POST', '/api/customers/import', `{"customers":[${row(objects)}]}`, 'the import', 'customers'],
      ['POST', '/api/customers/import', arrays, 'the import', '0'],
      ['POST', `/api/customers/${ada.id}/merge`, `{"from":${objects}}`, 'the body', 'from'],
      ['POST', '/api/customers', row(objects), 'the body', 'objective'],
      ['PATCH', `/api/customers/${ada.id}`, `{"subjective":${arrays}}`, 'the body', 'subjective'],
      [
        'POST',
        '/api/interactions',
        `{"customerId":"${ada.id}","channel":"phone","summary":${arrays}}`,
        'the body',
        'summary',
      ],
    ] as const;
    for (const [method, path, body, what, field] of refused) {
      const res = await s.request(method, path, 'admin', body);
      expect(res.status, `${method} ${path}`).toBe(400);
      const problem = await res.json();
      expect(problem, `${method} ${path}`).toMatchObject({
        code: 'VALIDATION_FAILED',
        detail: expect.stringMatching(
          new RegExp(`^${what} nests deeper than 64 levels \\(at ${field}\\..+…\\)$`),
        ),
        errors: [
          { path: field, rule: 'maxDepth', message: expect.stringContaining('deeper than 64 levels') },
        ],
      });
    }
    const customers = (await (await s.request('GET', '/api/customers', 'admin')).json()) as {
      items: unknown[];
    };
    expect(customers.items).toEqual([ada]);
    expect(
      ((await (await s.request('GET', '/api/interactions', 'admin')).json()) as { items: unknown[] }).items,
    ).toEqual([]);
  });

  it('keeps segments as validated saved queries with live counts', async () => {
    s = await bootServer();
    await create({ kind: 'organisation', name: 'Dealer', category: 'intermediary', tags: ['vip'] });
    await create({ kind: 'organisation', name: 'Agency', category: 'public' });
    await create({ kind: 'person', name: 'Consumer', tags: ['vip'] });
    const bad = await s.request('POST', '/api/segments', 'manager', {
      name: 'Bad',
      where: { colour: 'red' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ path: 'where', rule: 'customers.query' }] });
    const res = await s.request('POST', '/api/segments', 'manager', {
      name: 'VIP',
      where: { tags: { contains: 'vip' } },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(await (await s.request('GET', `/api/customers/segments/${id}`, 'viewer')).json()).toMatchObject({
      name: 'VIP',
      count: 2,
    });
    await create({ kind: 'person', name: 'Another VIP', tags: ['vip'] });
    expect(await (await s.request('GET', '/api/customers/segments', 'viewer')).json()).toMatchObject({
      items: [{ name: 'VIP', count: 3 }],
    });
    const members = await (
      await s.request('GET', `/api/customers/segments/${id}/members?sort=name&fields=name&limit=2`, 'viewer')
    ).json();
    expect(members).toMatchObject({
      items: [{ name: 'Another VIP' }, { name: 'Consumer' }],
      nextCursor: expect.any(String),
    });
  });

  it('refuses forbidden keys in list, aggregate and segment queries, naming them', async () => {
    s = await bootServer();
    await create({ kind: 'person', name: 'Ada' });
    const res = await s.request('POST', '/api/segments', 'manager', {
      name: 'All',
      where: { kind: 'person' },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const cases: [string, string, string][] = [
      ['/api/customers?where[__proto__][polluted]=1', 'where[__proto__][polluted]', '__proto__'],
      [
        '/api/customers/aggregate?measures[n]=count&where[__proto__][polluted]=1',
        'where[__proto__][polluted]',
        '__proto__',
      ],
      [
        '/api/customers?where[constructor][prototype][polluted]=1',
        'where[constructor][prototype][polluted]',
        'constructor',
      ],
      ['/api/customers?where%5B__proto__%5D%5Bpolluted%5D=1', 'where[__proto__][polluted]', '__proto__'],
      ['/api/customers/aggregate?measures[n]=count&groupBy=__proto__', '__proto__', '__proto__'],
      ['/api/customers/aggregate?measures[n]=sum:__proto__.polluted', '__proto__.polluted', '__proto__'],
      ['/api/customers/segments?sort=__proto__', '__proto__', '__proto__'],
      ['/api/customers/segments?fields=constructor', 'constructor', 'constructor'],
      [`/api/customers/segments/${id}/members?sort=-prototype`, 'prototype', 'prototype'],
      [
        `/api/customers/segments/${id}/members?fields=name,__proto__.polluted`,
        '__proto__.polluted',
        '__proto__',
      ],
    ];
    for (const [path, field, key] of cases) {
      const answer = await s.request('GET', path, 'viewer');
      const body = (await answer.json()) as { detail: string };
      expect(answer.status, path).toBe(400);
      expect(body, path).toMatchObject({ code: 'INVALID_QUERY', details: { field } });
      expect(body.detail, path).toContain(`'${field}' uses '${key}'`);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A segment's members have a fixed filter: a where of the caller's is refused, not ignored.
    const widened = await s.request(
      'GET',
      `/api/customers/segments/${id}/members?where[kind]=organisation`,
      'viewer',
    );
    expect(widened.status).toBe(400);
    expect(((await widened.json()) as { detail: string }).detail).toContain(
      'unknown query parameter(s): where',
    );
  });

  it('documents its routes in the OpenAPI document', async () => {
    s = await bootServer();
    const doc = (await (await s.app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/customers/{id}/timeline',
        '/api/customers/{id}/merge',
        '/api/customers/import',
        '/api/customers/{id}',
      ]),
    );
  });
});
