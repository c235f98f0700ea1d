import { definePlugin, TELEMETRY, ValidationError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { createServer } from '../create-server.js';
import { bootServer } from '../test-support/fixture.js';
import { parsePrometheusText, type Sample, sampleValue } from '../test-support/prometheus-text.js';

const TOKEN = 'scrape-token-0123456789';

/**
 * A plugin with a job that works and records a figure of its own (as a webhooks plugin records
 * its deliveries), a job that fails, and a listener of every new ticket.
 */
const operations = definePlugin({
  id: 'operations',
  version: '1.0.0',
  dependsOn: ['helpdesk'],
  register(ctx) {
    ctx.jobs.every('operations.tidy', '1h', async (job) => {
      job
        .resolve(TELEMETRY)
        .counter({
          name: 'rapport_operations_tidied_total',
          help: 'Tidy-ups by outcome.',
          labelNames: ['outcome'],
        })
        .inc({ outcome: 'done' }, 3);
    });
    ctx.jobs.every('operations.broken', '1h', async () => {
      throw new Error('the job broke');
    });
    ctx.events.on('entity.created', () => undefined);
  },
});

async function boot() {
  return bootServer(
    { rateLimit: false, metrics: { token: TOKEN } },
    { plugins: [operations()], outbox: { autoDispatch: false } },
  );
}

type Fixture = Awaited<ReturnType<typeof boot>>;

async function scrape(f: Fixture): Promise<Sample[]> {
  const res = await f.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return parsePrometheusText(await res.text());
}

describe('GET /metrics', () => {
  it('reports exactly the load it was given: 25 reads, 3 failing writes, jobs and the outbox backlog', async () => {
    const f = await boot();
    const created = await f.app.request('/api/service-tickets', {
      method: 'POST',
      headers: f.auth(f.keys.admin, { 'content-type': 'application/json' }),
      body: JSON.stringify({ title: 'Printer on fire', team: 'north' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    for (let i = 0; i < 25; i += 1) {
      const res = await f.app.request(`/api/service-tickets/${id}`, { headers: f.auth(f.keys.admin) });
      expect(res.status).toBe(200);
    }
    for (let i = 0; i < 3; i += 1) {
      const res = await f.app.request('/api/service-tickets', {
        method: 'POST',
        headers: f.auth(f.keys.admin, { 'content-type': 'application/json' }),
        body: JSON.stringify({ title: '', team: 'east' }),
      });
      expect(res.status).toBe(400);
    }
    await f.t.kernel.jobs.runNow('operations.tidy');
    await f.t.kernel.jobs.runNow('operations.broken');
    f.t.clock.advance(7_000); // the ticket's entity.created waits in the outbox (no auto-dispatch)

    const samples = await scrape(f);
    const read = { method: 'GET', route: '/api/service-tickets/:id', status: '200' };
    const failed = { method: 'POST', route: '/api/service-tickets', status: '400' };
    expect(sampleValue(samples, 'rapport_http_requests_total', read)).toBe(25);
    expect(sampleValue(samples, 'rapport_http_requests_total', failed)).toBe(3);
    expect(sampleValue(samples, 'rapport_http_requests_total', { ...failed, status: '201' })).toBe(1);
    expect(sampleValue(samples, 'rapport_http_request_duration_seconds_count', read)).toBe(25);
    expect(
      sampleValue(samples, 'rapport_http_request_duration_seconds_bucket', { ...read, le: '+Inf' }),
    ).toBe(25);
    expect(sampleValue(samples, 'rapport_http_request_duration_seconds_count', failed)).toBe(3);
    // The scrape itself is counted once it has been answered: not in its own figures.
    expect(sampleValue(samples, 'rapport_http_requests_total', { route: '/metrics' })).toBeUndefined();

    const job = (name: string, outcome: string) =>
      sampleValue(samples, 'rapport_job_runs_total', { job: name, outcome });
    expect(job('operations.tidy', 'success')).toBe(1);
    expect(job('operations.broken', 'failure')).toBe(1);
    expect(job('operations.broken', 'success')).toBeUndefined();
    expect(sampleValue(samples, 'rapport_operations_tidied_total', { outcome: 'done' })).toBe(3);

    // The fixture's five API keys and the ticket: each entity.created waits for the listener.
    expect(sampleValue(samples, 'rapport_outbox_pending_events')).toBe(6);
    expect(sampleValue(samples, 'rapport_outbox_lag_seconds')).toBe(7);
    expect(sampleValue(samples, 'rapport_outbox_dead_events')).toBe(0);
    expect(
      sampleValue(samples, 'rapport_events_committed_total', { event: 'entity.created' }),
    ).toBeGreaterThan(0);
    expect(
      sampleValue(samples, 'rapport_store_transaction_seconds_count', { kind: 'read', outcome: 'commit' }),
    ).toBeGreaterThanOrEqual(25);

    await f.t.kernel.events.drain();
    const after = await scrape(f);
    expect(sampleValue(after, 'rapport_outbox_lag_seconds')).toBe(0);
    expect(
      sampleValue(after, 'rapport_outbox_deliveries_total', {
        event: 'entity.created',
        handler: 'operations:entity.created:1',
        outcome: 'delivered',
      }),
    ).toBeGreaterThanOrEqual(1);
    // The first scrape is counted in the second.
    expect(sampleValue(after, 'rapport_http_requests_total', { route: '/metrics', status: '200' })).toBe(1);
    await f.t.stop();
  });

  it('needs its own token: none, a wrong one and an admin API key all get 401', async () => {
    const f = await boot();
    const bare = await f.app.request('/metrics');
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(((await bare.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
    for (const credential of [`${TOKEN}x`, TOKEN.slice(0, -1), f.keys.admin]) {
      const res = await f.app.request('/metrics', { headers: { authorization: `Bearer ${credential}` } });
      expect(res.status).toBe(401);
    }
    // The token opens nothing but the metrics.
    const api = await f.app.request('/api/service-tickets', {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(api.status).toBe(401);
    await f.t.stop();
  });

  it('is off (404) without a token, and refuses a short token naming the option', async () => {
    const f = await bootServer({ rateLimit: false });
    expect((await f.app.request('/metrics')).status).toBe(404);
    expect(() => createServer(f.t.kernel, { metrics: { token: 'short' } })).toThrow(ValidationError);
    expect(() => createServer(f.t.kernel, { metrics: { token: 'short' } })).toThrow(
      /metrics\.token must be at least 16/,
    );
    await f.t.stop();
  });

  it('keeps the number of series bounded: unknown paths collapse into the wildcard that caught them', async () => {
    const f = await boot();
    for (let i = 0; i < 40; i += 1) {
      await f.app.request(`/api/no-such-thing-${i}`, { headers: f.auth(f.keys.admin) });
      await f.app.request(`/wp-admin-${i}.php`);
      await f.app.request(`/api/service-tickets/${i}/deep/${i}`, { headers: f.auth(f.keys.admin) });
    }
    const samples = await scrape(f);
    const requests = samples.filter((s) => s.name === 'rapport_http_requests_total');
    expect(requests.reduce((sum, s) => sum + s.value, 0)).toBe(120);
    const routes = new Set(requests.map((s) => s.labels.route));
    expect(routes.size).toBeLessThanOrEqual(3);
    for (const route of routes) expect(route).not.toMatch(/\d/);
    await f.t.stop();
  });
});
