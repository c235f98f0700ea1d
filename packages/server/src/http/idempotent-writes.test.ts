import { afterEach, describe, expect, it } from 'vitest';
import { answersSecrets } from '../auth/secret-answers.js';
import { bootServer, type ServerFixture } from '../test-support/fixture.js';

describe('Idempotency-Key on writes', () => {
  let f: ServerFixture;
  afterEach(() => f.t.stop());

  const post = (body: unknown, key?: string, token = f.keys.admin) =>
    f.app.request('/api/service-tickets', {
      method: 'POST',
      headers: f.auth(token, {
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      }),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const tickets = () => f.t.data('serviceTicket').count();

  it('answers a retry with the first answer — status, body, ETag, Location — and writes once', async () => {
    f = await bootServer();
    const first = await post({ title: 'Printer', team: 'north' }, 'order-42');
    expect(first.status).toBe(201);
    const retry = await post({ title: 'Printer', team: 'north' }, 'order-42');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(await first.json());
    for (const header of ['etag', 'location', 'content-type']) {
      expect(retry.headers.get(header)).toBe(first.headers.get(header));
    }
    expect(await tickets()).toBe(1);
    expect((await post({ title: 'Printer', team: 'north' })).status).toBe(201); // no key: a new write
    expect(await tickets()).toBe(2);
  });

  it('refuses the same key for a different body with a 422 naming the header', async () => {
    f = await bootServer();
    await post({ title: 'A', team: 'north' }, 'k1');
    const reused = await post({ title: 'B', team: 'north' }, 'k1');
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      details: { field: 'Idempotency-Key', rule: 'reused' },
    });
    expect(await tickets()).toBe(1);
  });

  it('keeps keys per caller: another key’s same Idempotency-Key is a request of its own', async () => {
    f = await bootServer();
    await post({ title: 'A', team: 'north' }, 'shared');
    const other = await post({ title: 'A', team: 'north' }, 'shared', f.keys.agentNorth);
    expect(other.status).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(await tickets()).toBe(2);
  });

  it('keeps nothing of a failed request, so the corrected retry with the same key runs', async () => {
    f = await bootServer();
    const bad = await post({ title: 'A', team: 'west' }, 'k2');
    expect(bad.status).toBe(400);
    const fixed = await post({ title: 'A', team: 'west' }, 'k2');
    expect(fixed.status).toBe(400); // not replayed: run again, refused again
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
    const good = await post({ title: 'A', team: 'south' }, 'k3');
    expect(good.status).toBe(201);
    expect(await tickets()).toBe(1);
  });

  it('makes exactly one write of 16 concurrent retries of one key', async () => {
    f = await bootServer();
    const answers = await Promise.all(
      Array.from({ length: 16 }, () => post({ title: 'Race', team: 'north' }, 'race')),
    );
    expect(answers.map((res) => res.status)).toEqual(Array(16).fill(201));
    expect(answers.filter((res) => res.headers.get('idempotent-replayed') === 'true')).toHaveLength(15);
    const ids = new Set(
      await Promise.all(answers.map(async (res) => ((await res.json()) as { id: string }).id)),
    );
    expect(ids.size).toBe(1);
    expect(await tickets()).toBe(1);
  });

  it('covers PATCH, refuses a malformed key, and can be turned off', async () => {
    f = await bootServer();
    const created = (await (await post({ title: 'A', team: 'north', counter: 1 })).json()) as { id: string };
    const patch = (key: string) =>
      f.app.request(`/api/service-tickets/${created.id}`, {
        method: 'PATCH',
        headers: f.auth(f.keys.admin, { 'content-type': 'application/json', 'idempotency-key': key }),
        body: JSON.stringify({ counter: 2 }),
      });
    expect((await patch('p1')).status).toBe(200);
    const again = await patch('p1');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await f.t.data('serviceTicket').get(created.id)).toMatchObject({ version: 2 });
    const malformed = await patch('has space');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ details: { field: 'Idempotency-Key', rule: 'format' } });
    await f.t.stop();
    f = await bootServer({ idempotency: false });
    await post({ title: 'A', team: 'north' }, 'off');
    await post({ title: 'A', team: 'north' }, 'off');
    expect(await tickets()).toBe(2);
  });

  it('documents the header and its 422 on every POST and PATCH under /api', async () => {
    f = await bootServer();
    const document = (await (await f.app.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { parameters?: Array<{ $ref?: string }>; responses: Record<string, unknown> }>
      >;
    };
    const writes = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/') && !answersSecrets(path))
      .flatMap(([path, item]) =>
        ['post', 'patch'].filter((m) => item[m]).map((m) => ({ path, op: item[m] })),
      );
    expect(writes.length).toBeGreaterThanOrEqual(2);
    for (const { op } of writes) {
      expect(op?.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
      expect(op?.responses['422']).toEqual({ $ref: '#/components/responses/IdempotencyKeyReused' });
    }
    // Answers holding a new key or password are never kept, so the header is not offered there.
    expect(JSON.stringify(document.paths['/api/api-keys']?.post?.parameters ?? [])).not.toContain(
      'IdempotencyKey',
    );
  });
});
