import { describe, expect, it } from 'vitest';
import { luaString, wrkScript } from './script.js';

describe('wrkScript', () => {
  it('cycles GET through the ids with the fixed headers', () => {
    const lua = wrkScript({ method: 'GET', headers: { authorization: 'Bearer k"1' }, ids: ['a1', 'b2'] });
    expect(lua).toContain('wrk.method = "GET"');
    expect(lua).toContain('wrk.headers["authorization"] = "Bearer k\\"1"');
    expect(lua).toContain('"/api/customers/a1",\n"/api/customers/b2"');
    expect(lua).toContain('paths[(n % #paths) + 1]');
    expect(lua).toContain('WRK_JSON');
  });

  it('makes a unique person per POST', () => {
    const lua = wrkScript({ method: 'POST', headers: { 'content-type': 'application/json' }, run: 'r1' });
    expect(lua).toContain('wrk.method = "POST"');
    expect(lua).toContain('local run = "r1"');
    expect(lua).toContain("\"email\":\"load.' .. run .. '.' .. thread_tag .. '.' .. n .. '@example.com\"");
    expect(lua).toContain('wrk.format(nil, "/api/customers", nil, body)');
  });

  it('refuses a GET load without ids', () => {
    expect(() => wrkScript({ method: 'GET', headers: {}, ids: [] })).toThrow(/at least one id/);
  });

  it('cycles GET through whole paths when given', () => {
    const lua = wrkScript({
      method: 'GET',
      headers: {},
      paths: ['/api/customers?where[ownerId]=o1&limit=50'],
    });
    expect(lua).toContain('"/api/customers?where[ownerId]=o1&limit=50"');
    expect(lua).not.toContain('/api/customers/');
  });

  it('escapes Lua string literals', () => {
    expect(luaString('a\\b"c\nd')).toBe('"a\\\\b\\"c\\nd"');
  });
});
