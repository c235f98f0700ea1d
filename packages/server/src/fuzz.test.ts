import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, type ServerFixture } from './test-support/fixture.js';

/** A small deterministic PRNG (mulberry32), so a failure replays. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY: unknown[] = [
  null,
  true,
  -1,
  0,
  1e308,
  -0,
  3.5,
  '',
  ' ',
  'x'.repeat(300),
  '\u0000',
  '\ud800',
  "'; drop table x; --",
  '{{7*7}}',
  '$1',
  [],
  [1, 'a', null],
  {},
  { $gt: '' },
  { __proto__: { admin: true } },
  { constructor: { prototype: { x: 1 } } },
  'north',
  'south',
];
const FIELDS = [
  'title',
  'team',
  'priority',
  'counter',
  'tags',
  'closed',
  'id',
  'version',
  'createdAt',
  '__proto__',
  'constructor',
  'a.b',
  '',
];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function body(r: () => number): string {
  switch (Math.floor(r() * 6)) {
    case 0:
      return JSON.stringify(pick(r, NASTY));
    case 1: {
      const text = JSON.stringify({ title: 'ok', team: 'north' });
      return text.slice(0, Math.floor(r() * text.length));
    }
    case 2:
      return `{"title":"a","team":"north","priority":${pick(r, ['1e999', 'NaN', '"1"', '[]', '-', '0x1'])}}`;
    default: {
      const record: Record<string, unknown> = {};
      const n = 1 + Math.floor(r() * 4);
      for (let i = 0; i < n; i += 1) record[pick(r, FIELDS)] = pick(r, NASTY);
      if (r() < 0.5) record.title = record.title ?? 'fuzz';
      return JSON.stringify(record);
    }
  }
}

function queryString(r: () => number): string {
  const parts: string[] = [];
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i += 1) {
    const key = pick(r, [
      `where[${pick(r, FIELDS)}]`,
      `where[${pick(r, FIELDS)}][${pick(r, ['gt', 'in', 'exists', 'contains', 'startsWith', 'bogus', 'nin', 'ne'])}]`,
      'where[or][0][x]',
      'where[not]',
      'where',
      'sort',
      'limit',
      'cursor',
      'fields',
      'where[a][b][c][d][e][f][g][h][i][j]',
      pick(r, ['measures[n]', 'groupBy', '__proto__[x]', 'constructor[prototype][y]']),
    ]);
    const value = pick(r, [
      '1',
      '-1',
      'abc',
      '',
      '%00',
      '%ZZ',
      '{"$gt":1}',
      '[]',
      'true',
      '9'.repeat(400),
      'x,y,z',
      '-createdAt',
      'null',
    ]);
    parts.push(`${key}=${value}`);
  }
  return parts.join('&');
}

describe('fuzz: malformed bodies and query strings', () => {
  let f: ServerFixture;
  beforeAll(async () => {
    f = await bootServer();
  });
  afterAll(() => f.t.stop());

  it('answers 1,500 malformed requests without a 5xx and stores no record', async () => {
    const r = rng(20261123);
    const statuses = new Map<number, number>();
    let id = '';
    const seed = await f.t.data('serviceTicket').create({ title: 'seed', team: 'north' });
    id = seed.id;
    for (let i = 0; i < 1_500; i += 1) {
      const kind = i % 5;
      let res: Response;
      if (kind === 0) {
        res = await f.app.request('/api/service-tickets', {
          method: 'POST',
          headers: f.auth(f.keys.admin, { 'content-type': 'application/json' }),
          body: body(r),
        });
      } else if (kind === 1) {
        res = await f.app.request(`/api/service-tickets/${id}`, {
          method: 'PATCH',
          headers: f.auth(f.keys.admin, {
            'content-type': 'application/json',
            'if-match': pick(r, ['"v1"', 'garbage', '*', '"v999"']),
          }),
          body: body(r),
        });
      } else if (kind === 2) {
        res = await f.app.request(`/api/service-tickets?${queryString(r)}`, {
          headers: f.auth(f.keys.admin),
        });
      } else if (kind === 3) {
        res = await f.app.request(`/api/service-tickets/aggregate?${queryString(r)}`, {
          headers: f.auth(f.keys.admin),
        });
      } else {
        res = await f.app.request(`/api/audit?${queryString(r)}`, { headers: f.auth(f.keys.admin) });
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, `request ${i}`).toBeLessThan(500);
      if (res.status >= 400) expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    const tickets = await f.t.data('serviceTicket').find({ limit: 100 });
    // Only records that passed validation can exist; the fuzzer's bodies almost never do, and none may be half-valid.
    for (const ticket of tickets.items) expect(['north', 'south']).toContain(ticket.team);
    const created = [...statuses].filter(([s]) => s === 201).reduce((n, [, c]) => n + c, 0);
    expect(tickets.items.length).toBe(1 + created);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(500);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

/** `levels` arrays nested in one another: `[[[...]]]`. */
const deepArrays = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
/** `levels` objects nested in one another: `{"a":{"a":...1}}`. */
const deepObjects = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

describe('deeply nested bodies', () => {
  let f: ServerFixture;
  beforeAll(async () => {
    f = await bootServer();
  });
  afterAll(() => f.t.stop());

  const send = (method: string, path: string, body: string, type = 'application/json') =>
    f.app.request(path, { method, headers: f.auth(f.keys.admin, { 'content-type': type }), body });
  const ticketBody = (tags: string) => `{"title":"deep","team":"north","tags":${tags}}`;

  it.each([
    ['arrays', deepArrays(10_000), '0'],
    ['objects', deepObjects(10_000), 'a'],
  ])(
    'refuses 10,000 nested %s with a 400 naming the limit, on POST and PATCH, and writes nothing',
    async (_, deep, rootPath) => {
      const seed = await f.t.data('serviceTicket').create({ title: 'seed', team: 'north' });
      const before = (await f.t.data('serviceTicket').find({ limit: 100 })).items.length;
      const audits = (await f.t.kernel.audit({ limit: 500 }, { actor: f.t.admin })).items.length;
      const answers = [
        await send('POST', '/api/service-tickets', ticketBody(deep)),
        await send('POST', '/api/service-tickets', deep),
        await send(
          'PATCH',
          `/api/service-tickets/${seed.id}`,
          ticketBody(deep),
          'application/merge-patch+json',
        ),
        await send('PATCH', `/api/service-tickets/${seed.id}`, deep),
      ];
      const paths: string[] = [];
      for (const res of answers) {
        expect(res.status).toBe(400);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        const problem = await res.json();
        expect(problem.code).toBe('VALIDATION_FAILED');
        expect(problem.detail).toMatch(/^the body nests deeper than 64 levels \(at .+…\)$/);
        expect(problem.errors).toEqual([
          {
            path: expect.any(String),
            rule: 'maxDepth',
            message: expect.stringContaining('deeper than 64 levels'),
          },
        ]);
        paths.push(problem.errors[0].path);
      }
      // A field holding the nesting is named; a body that is itself the nesting has its first index.
      expect(paths).toEqual(['tags', rootPath, 'tags', rootPath]);
      expect((await f.t.data('serviceTicket').find({ limit: 100 })).items.length).toBe(before);
      expect((await f.t.data('serviceTicket').get(seed.id)).version).toBe(1);
      expect((await f.t.kernel.audit({ limit: 500 }, { actor: f.t.admin })).items.length).toBe(audits);
    },
  );

  it('lets a body nest exactly 64 levels through to the schema, and refuses 65', async () => {
    // The body is level 1 and `tags` level 2: 63 nested arrays in `tags` make 64 levels.
    const at = await send('POST', '/api/service-tickets', ticketBody(deepArrays(63)));
    expect(at.status).toBe(400);
    expect((await at.json()).errors).toEqual([{ path: 'tags.0', rule: 'type', message: 'must be a string' }]);
    const over = await send('POST', '/api/service-tickets', ticketBody(deepArrays(64)));
    expect(over.status).toBe(400);
    expect((await over.json()).errors[0]).toMatchObject({ path: 'tags', rule: 'maxDepth' });
  });

  it('answers a where value nested 10,000 levels with a 400, not a 500', async () => {
    const where = encodeURIComponent(`{"tags":{"eq":${deepArrays(10_000)}}}`);
    const res = await f.app.request(`/api/service-tickets?where=${where}`, { headers: f.auth(f.keys.admin) });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.code).toBe('INVALID_QUERY');
    expect(problem.detail).toContain('deeper than 64 levels');
  });
});
