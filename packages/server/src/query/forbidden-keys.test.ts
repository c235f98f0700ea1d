import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, type ServerFixture } from '../test-support/fixture.js';

/** A query-string spelling of a forbidden key, and what the 400 must name. */
interface Spelling {
  query: string;
  /** The parameter or field path the problem names (`field`, and quoted in `detail`). */
  field: string;
  /** The forbidden key the detail quotes. */
  key: string;
  /** The parameter a route must take to reach the check; absent when the parameter name itself is refused. */
  needs?: string;
}

const json = (value: unknown) => encodeURIComponent(JSON.stringify(value));

const SPELLINGS: Spelling[] = [
  { query: 'where[__proto__][polluted]=1', field: 'where[__proto__][polluted]', key: '__proto__' },
  { query: 'where[__proto__][x]=1', field: 'where[__proto__][x]', key: '__proto__' },
  { query: 'where[__proto__]=1', field: 'where[__proto__]', key: '__proto__' },
  { query: 'where[a][__proto__]=1', field: 'where[a][__proto__]', key: '__proto__' },
  { query: 'where[title][__proto__]=1', field: 'where[title][__proto__]', key: '__proto__' },
  { query: 'where[or][0][__proto__][x]=1', field: 'where[or][0][__proto__][x]', key: '__proto__' },
  { query: 'where[not][__proto__]=1', field: 'where[not][__proto__]', key: '__proto__' },
  {
    query: 'where[constructor][prototype][x]=1',
    field: 'where[constructor][prototype][x]',
    key: 'constructor',
  },
  { query: 'where[prototype]=1', field: 'where[prototype]', key: 'prototype' },
  { query: '__proto__[x]=1', field: '__proto__[x]', key: '__proto__' },
  { query: '__proto__=1', field: '__proto__', key: '__proto__' },
  { query: 'constructor[prototype][x]=1', field: 'constructor[prototype][x]', key: 'constructor' },
  { query: 'measures[__proto__]=count', field: 'measures[__proto__]', key: '__proto__' },
  { query: 'where%5B__proto__%5D%5Bx%5D=1', field: 'where[__proto__][x]', key: '__proto__' },
  { query: 'where%5b__proto__%5d=1', field: 'where[__proto__]', key: '__proto__' },
  { query: 'where[%5F%5Fproto%5F%5F][x]=1', field: 'where[__proto__][x]', key: '__proto__' },
  { query: 'where[__proto__.x]=1', field: 'where[__proto__.x]', key: '__proto__' },
  { query: 'where[title.constructor]=1', field: 'where[title.constructor]', key: 'constructor' },
  { query: 'sort=__proto__', field: '__proto__', key: '__proto__', needs: 'sort' },
  { query: 'sort=-constructor', field: 'constructor', key: 'constructor', needs: 'sort' },
  { query: 'sort[]=prototype', field: 'prototype', key: 'prototype', needs: 'sort' },
  { query: 'fields=__proto__', field: '__proto__', key: '__proto__', needs: 'fields' },
  {
    query: 'fields=id,constructor.prototype',
    field: 'constructor.prototype',
    key: 'constructor',
    needs: 'fields',
  },
  { query: 'groupBy=__proto__', field: '__proto__', key: '__proto__', needs: 'groupBy' },
  { query: 'measures[n]=sum:__proto__.x', field: '__proto__.x', key: '__proto__', needs: 'measures' },
  { query: 'measures[constructor]=count', field: 'measures[constructor]', key: 'constructor' },
  {
    query: `where=${encodeURIComponent('{"__proto__":{"polluted":1}}')}`,
    field: '__proto__',
    key: '__proto__',
    needs: 'where',
  },
  {
    query: `where=${json({ or: [{ constructor: { prototype: { x: 1 } } }] })}`,
    field: 'constructor',
    key: 'constructor',
    needs: 'where',
  },
  {
    query: `where=${encodeURIComponent('{"id":{"__proto__":"x"}}')}`,
    field: 'id.__proto__',
    key: '__proto__',
    needs: 'where',
  },
];

/** A route that reads a query string, the parameters it takes, and what every request of it must carry. */
interface Route {
  name: string;
  path: string;
  takes: string[];
  base?: string;
}

const ROUTES: Route[] = [
  { name: 'entity list', path: '/api/service-tickets', takes: ['where', 'sort', 'fields'] },
  {
    name: 'entity aggregate',
    path: '/api/service-tickets/aggregate',
    takes: ['where', 'groupBy', 'measures'],
    base: 'measures[base]=count',
  },
  { name: 'audit list', path: '/api/audit', takes: ['where', 'sort', 'fields'] },
  { name: 'metric', path: '/api/metrics/helpdesk.open', takes: ['from', 'to'] },
];

describe('forbidden keys in query strings', () => {
  let f: ServerFixture;
  let prototypeKeys: string[];
  beforeAll(async () => {
    prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    f = await bootServer();
    for (const title of ['T1', 'T2']) {
      const res = await f.app.request('/api/service-tickets', {
        method: 'POST',
        headers: f.auth(f.keys.admin, { 'content-type': 'application/json' }),
        body: JSON.stringify({ title, team: 'north', priority: 2 }),
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await f.t.stop();
  });

  const get = (route: Route, query: string) =>
    f.app.request(`${route.path}?${route.base ? `${route.base}&` : ''}${query}`, {
      headers: f.auth(f.keys.admin),
    });

  it('answers the same routes normally without them', async () => {
    const list = await get(ROUTES[0] as Route, 'where[title]=T1&sort=-title&fields=title');
    expect(list.status).toBe(200);
    expect((await list.json()).items).toEqual([{ id: expect.any(String), title: 'T1' }]);
    const aggregate = await get(ROUTES[1] as Route, 'where[team]=north&groupBy=team&measures[n]=count');
    expect(aggregate.status).toBe(200);
    expect((await aggregate.json()).rows).toEqual([{ team: 'north', base: 2, n: 2 }]);
    expect((await get(ROUTES[2] as Route, 'sort=-at')).status).toBe(200);
    expect((await get(ROUTES[3] as Route, 'from=0')).status).toBe(200);
  });

  for (const route of ROUTES) {
    describe(route.name, () => {
      for (const spelling of SPELLINGS) {
        const reached = spelling.needs === undefined || route.takes.includes(spelling.needs);
        it(`refuses ${spelling.query} with a 400 ${reached ? `naming '${spelling.field}'` : `naming the unknown ${spelling.needs}`}`, async () => {
          const res = await get(route, spelling.query);
          const body = await res.json();
          expect(res.status, JSON.stringify(body)).toBe(400);
          expect(body.code).toBe('INVALID_QUERY');
          if (reached) {
            expect(body.details?.field).toBe(spelling.field);
            expect(body.detail).toContain(`'${spelling.field}' uses '${spelling.key}'`);
          } else {
            expect(body.detail).toContain(`unknown query parameter(s): ${spelling.needs}`);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(({} as Record<string, unknown>).x).toBeUndefined();
          expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
        });
      }
    });
  }
});
