import { customers } from '@rapport/plugin-customers';
import { unboundedOpenApiPaths } from '@rapport/server';
import { createTestServer, openApiLintErrors } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { loyalty } from '../loyalty-plugin.js';

async function boot() {
  const s = await createTestServer({
    plugins: [customers({ currency: 'EUR', defaultRegion: 'DE' }), loyalty({ defaultRegion: 'DE' })],
    now: '2026-06-01T00:00:00.000Z',
    keys: { admin: ['admin'], agent: ['loyaltyAgent'], viewer: ['viewer'] },
  });
  const programme = await s.json('POST', '/api/loyalty-programmes', 'admin', {
    name: 'Club',
    currency: 'EUR',
  });
  return { s, programmeId: programme.body.id as string };
}

let stop: (() => Promise<void>) | undefined;
afterEach(async () => stop?.());

describe('loyalty routes', () => {
  it('enrols by national number, earns idempotently, refuses an overdraw with 409 naming the balance', async () => {
    const { s, programmeId } = await boot();
    stop = () => s.stop();
    const joined = await s.json('POST', '/api/loyalty/members', 'agent', {
      programmeId,
      mobile: '0151 23456789',
    });
    expect(joined.status).toBe(201);
    const member = (joined.body as { member: { id: string; number: string; customerId: string } }).member;
    expect(member.number).toBe('+4915123456789');
    const again = await s.json('POST', '/api/loyalty/members', 'agent', {
      programmeId,
      mobile: '+49 151 23456789',
    });
    expect(again.status).toBe(200);
    expect((again.body as { member: { id: string } }).member.id).toBe(member.id);

    const earn = { memberId: member.id, points: 30, idempotencyKey: 'order-1' };
    expect((await s.json('POST', '/api/loyalty/earn', 'agent', earn)).status).toBe(201);
    expect((await s.json('POST', '/api/loyalty/earn', 'agent', earn)).status).toBe(200);

    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        s.json('POST', '/api/loyalty/redeem', 'agent', {
          memberId: member.id,
          points: 10,
          idempotencyKey: `r${i}`,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(5);
    expect(JSON.stringify(refused[0]?.body)).toMatch(/the balance is 0 points/);
    const balance = await s.json('GET', `/api/loyalty/members/${member.id}/balance`, 'viewer');
    expect(balance).toMatchObject({ status: 200, body: { memberId: member.id, balance: 0 } });
  });

  it('posts for the member the path names, as the console’s redeem button does', async () => {
    const { s, programmeId } = await boot();
    stop = () => s.stop();
    const { member } = (
      await s.json('POST', '/api/loyalty/members', 'agent', { programmeId, mobile: '0151 23456789' })
    ).body as { member: { id: string } };
    const path = (op: string) => `/api/loyalty/members/${member.id}/${op}`;
    expect((await s.json('POST', path('earn'), 'agent', { points: 40, idempotencyKey: 'e1' })).status).toBe(
      201,
    );
    const over = await s.json('POST', path('redeem'), 'agent', { points: 50, idempotencyKey: 'r1' });
    expect(over).toMatchObject({ status: 409, body: { details: { balance: 40 } } });
    const redeemed = await s.json('POST', path('redeem'), 'agent', {
      points: 15,
      note: 'mug',
      idempotencyKey: 'r2',
    });
    expect(redeemed).toMatchObject({
      status: 201,
      body: { entry: { points: -15, balanceAfter: 25, note: 'mug' } },
    });
    const elsewhere = await s.json('POST', path('redeem'), 'agent', {
      memberId: 'someone-else',
      points: 1,
      idempotencyKey: 'r3',
    });
    expect(elsewhere).toMatchObject({ status: 400, body: { errors: [{ path: 'memberId', rule: 'path' }] } });
    expect((await s.json('POST', path('adjust'), 'viewer', { points: 5, idempotencyKey: 'a1' })).status).toBe(
      403,
    );
    const balance = await s.json('GET', `/api/loyalty/members/${member.id}/balance`, 'viewer');
    expect(balance).toMatchObject({ body: { balance: 25 } });
  });

  it('bad input gets 400 naming the field; a viewer may not post; entries cannot be edited through the API', async () => {
    const { s, programmeId } = await boot();
    stop = () => s.stop();
    const bad = await s.json('POST', '/api/loyalty/members', 'agent', { programmeId, mobile: '12' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/mobile/);
    const { member } = (
      await s.json('POST', '/api/loyalty/members', 'agent', { programmeId, mobile: '015123456789' })
    ).body as { member: { id: string } };
    for (const points of [1.5, 0, -3, '10']) {
      const r = await s.json('POST', '/api/loyalty/earn', 'agent', {
        memberId: member.id,
        points,
        idempotencyKey: 'k',
      });
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toMatch(/points/);
    }
    const noKey = await s.json('POST', '/api/loyalty/earn', 'agent', { memberId: member.id, points: 5 });
    expect(noKey.status).toBe(400);
    expect(JSON.stringify(noKey.body)).toMatch(/idempotencyKey/);
    const viewer = await s.json('POST', '/api/loyalty/earn', 'viewer', {
      memberId: member.id,
      points: 5,
      idempotencyKey: 'v',
    });
    expect(viewer.status).toBe(403);
    const earned = await s.json('POST', '/api/loyalty/earn', 'admin', {
      memberId: member.id,
      points: 5,
      idempotencyKey: 'a',
    });
    const entryId = (earned.body as { entry: { id: string } }).entry.id;
    expect((await s.json('PATCH', `/api/loyalty-entries/${entryId}`, 'admin', { points: 5000 })).status).toBe(
      403,
    );
    expect((await s.json('DELETE', `/api/loyalty-entries/${entryId}`, 'admin')).status).toBe(403);
  });

  it('documents its routes in a valid OpenAPI document', async () => {
    const { s } = await boot();
    stop = () => s.stop();
    const doc = await s.json('GET', '/openapi.json', 'admin');
    expect(doc.status).toBe(200);
    expect(await openApiLintErrors(doc.body)).toEqual([]);
    const loose = unboundedOpenApiPaths(doc.body as never).filter((path) => /loyalty/i.test(path));
    expect(loose).toEqual([]);
    expect(Object.keys((doc.body as { paths: object }).paths)).toContain('/api/loyalty/redeem');
  });
});
