import { describe, expect, it } from 'vitest';
import { RapportError } from '../errors.js';
import type { Kernel } from '../kernel/kernel-types.js';
import { definePlugin } from '../plugins/define-plugin.js';
import { admin, bootKernel, customersPlugin } from '../test-support/boot.js';
import { Telemetry } from './telemetry.js';

/**
 * The value of one series of a metric in a kernel's registry (a histogram's count of
 * observations), 0 when the series does not exist.
 */
async function metricValue(
  kernel: Kernel,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = kernel.telemetry.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { type, values } = await metric.get();
  const series = String(type) === 'histogram' ? `${name}_count` : name;
  const found = (
    values as Array<{ metricName?: string; labels: Record<string, unknown>; value: number }>
  ).find(
    (v) =>
      (v.metricName ?? name) === series &&
      Object.entries(labels).every(([key, value]) => String(v.labels[key]) === value),
  );
  return found?.value ?? 0;
}

/** A plugin whose `entity.created` handler fails while `failing.on` is true, and two jobs. */
function opsPlugin(failing: { on: boolean }) {
  return definePlugin({
    id: 'ops',
    version: '1',
    dependsOn: ['customers'],
    register(ctx) {
      ctx.events.on('entity.created', () => {
        if (failing.on) throw new Error('downstream is down');
      });
      ctx.jobs.every('ops.tidy', '1h', async () => undefined);
      ctx.jobs.every('ops.broken', '1h', async () => {
        throw new Error('the job broke');
      });
    },
  });
}

describe('Telemetry', () => {
  it('keeps a registry per kernel, so two kernels never share figures', async () => {
    const one = await bootKernel();
    const two = await bootKernel();
    await one.kernel.data('customer', { actor: admin }).create({ name: 'Ada' });
    expect(await metricValue(one.kernel, 'rapport_events_committed_total', { event: 'entity.created' })).toBe(
      1,
    );
    expect(await metricValue(two.kernel, 'rapport_events_committed_total', { event: 'entity.created' })).toBe(
      0,
    );
    expect(one.kernel.telemetry.registry).not.toBe(two.kernel.telemetry.registry);
    await Promise.all([one.kernel.stop(), two.kernel.stop()]);
  });

  it('hands out one instrument per name, and refuses bad names and a second kind', () => {
    const telemetry = new Telemetry();
    const spec = { name: 'rapport_test_calls_total', help: 'Calls.', labelNames: ['outcome'] as const };
    const counter = telemetry.counter(spec);
    expect(telemetry.counter(spec)).toBe(counter);
    counter.inc({ outcome: 'ok' });
    const wrongKind = (() => {
      try {
        telemetry.histogram({ name: 'rapport_test_calls_total', help: 'x' });
      } catch (error) {
        return error;
      }
    })();
    expect(wrongKind).toBeInstanceOf(RapportError);
    expect((wrongKind as RapportError).code).toBe('INVALID_METRIC');
    expect((wrongKind as Error).message).toContain('already defined as a counter');
    expect(() => telemetry.gauge({ name: 'Webhooks-Latency', help: 'x' })).toThrow(/must match/);
    expect(telemetry.tracer).toBeUndefined();
  });

  it('serves a hot histogram as prom-client would: cumulative buckets (le inclusive), sum, count and its counter', async () => {
    const telemetry = new Telemetry();
    const latency = telemetry.hotHistogram({
      name: 'rapport_test_seconds',
      help: 'Latency.',
      buckets: [0.1, 0.5],
      countedAs: { name: 'rapport_test_total', help: 'Calls.' },
    });
    const ok = latency.series({ outcome: 'ok' });
    for (const value of [0.05, 0.1, 0.3, 0.7]) ok.observe(value);
    latency.series({ outcome: 'failed' }).observe(0.2);
    expect(latency.series({ outcome: 'ok' })).toBe(ok);
    const text = await telemetry.registry.metrics();
    expect(text).toContain('# TYPE rapport_test_seconds histogram');
    expect(text).toContain('rapport_test_seconds_bucket{le="0.1",outcome="ok"} 2');
    expect(text).toContain('rapport_test_seconds_bucket{le="0.5",outcome="ok"} 3');
    expect(text).toContain('rapport_test_seconds_bucket{le="+Inf",outcome="ok"} 4');
    expect(text).toContain('rapport_test_seconds_sum{outcome="ok"} 1.15');
    expect(text).toContain('rapport_test_seconds_count{outcome="failed"} 1');
    expect(text).toContain('# TYPE rapport_test_total counter');
    expect(text).toContain('rapport_test_total{outcome="ok"} 4');
    expect(() => telemetry.counter({ name: 'rapport_test_total', help: 'again' })).toThrow(/already defined/);
    telemetry.registry.resetMetrics();
    expect(await telemetry.registry.metrics()).toContain('rapport_test_total{outcome="ok"} 0');
  });

  it('times store transactions and reads by outcome, and counts committed events by name', async () => {
    const { kernel } = await bootKernel();
    const customers = kernel.data('customer', { actor: admin });
    const count = (kind: string, outcome: string) =>
      metricValue(kernel, 'rapport_store_transaction_seconds', { kind, outcome });
    const before = { write: await count('write', 'commit'), read: await count('read', 'commit') };
    const created = [];
    for (let i = 0; i < 3; i += 1) created.push(await customers.create({ name: `C${i}` }));
    for (const customer of created.slice(0, 2)) await customers.get(customer.id);
    await expect(
      kernel.transaction(async (tx) => {
        await tx.data('customer', { actor: admin }).create({ name: 'rolled back' });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');

    expect((await count('write', 'commit')) - before.write).toBe(3);
    expect((await count('read', 'commit')) - before.read).toBe(2);
    expect(await count('write', 'rollback')).toBe(1);
    // The rolled-back create's event never committed.
    expect(await metricValue(kernel, 'rapport_events_committed_total', { event: 'entity.created' })).toBe(3);
    const text = await kernel.telemetry.registry.metrics();
    expect(text).toContain(
      'rapport_store_transaction_seconds_bucket{le="0.001",kind="write",outcome="commit"}',
    );
    await kernel.stop();
  });

  it('reports the outbox backlog, its lag on the kernel clock, failed deliveries and dead letters', async () => {
    const failing = { on: true };
    const { kernel, clock } = await bootKernel({
      plugins: [customersPlugin(), opsPlugin(failing)()],
      outbox: { autoDispatch: false, maxAttempts: 2, retryBaseMs: 1_000 },
    });
    const handler = 'ops:entity.created:1';
    await kernel.data('customer', { actor: admin }).create({ name: 'Ada' });
    clock.advance(30_000);
    expect(await metricValue(kernel, 'rapport_outbox_pending_events')).toBe(1);
    expect(await metricValue(kernel, 'rapport_outbox_lag_seconds')).toBe(30);

    await kernel.events.drain(); // first attempt fails; the retry waits 1 s
    const outcome = (o: string) =>
      metricValue(kernel, 'rapport_outbox_deliveries_total', {
        event: 'entity.created',
        handler,
        outcome: o,
      });
    expect(await outcome('failed')).toBe(1);
    clock.advance(1_000);
    await kernel.events.drain(); // second attempt fails: parked as dead
    expect(await outcome('dead')).toBe(1);
    expect(await metricValue(kernel, 'rapport_outbox_dead_events')).toBe(1);
    expect(await metricValue(kernel, 'rapport_outbox_pending_events')).toBe(0);
    expect(await metricValue(kernel, 'rapport_outbox_lag_seconds')).toBe(0);

    failing.on = false;
    await kernel.data('customer', { actor: admin }).create({ name: 'Bob' });
    await kernel.events.drain();
    expect(await outcome('delivered')).toBe(1);
    await kernel.stop();
  });

  it('counts job runs and failures by job, and times them', async () => {
    const { kernel } = await bootKernel({ plugins: [customersPlugin(), opsPlugin({ on: false })()] });
    await kernel.jobs.runNow('ops.tidy');
    await kernel.jobs.runNow('ops.tidy');
    await kernel.jobs.runNow('ops.broken');
    const runs = (job: string, outcome: string) =>
      metricValue(kernel, 'rapport_job_runs_total', { job, outcome });
    expect(await runs('ops.tidy', 'success')).toBe(2);
    expect(await runs('ops.tidy', 'failure')).toBe(0);
    expect(await runs('ops.broken', 'failure')).toBe(1);
    const text = await kernel.telemetry.registry.metrics();
    expect(text).toContain('rapport_job_duration_seconds_count{job="ops.tidy"} 2');
    expect(text).toContain('rapport_job_duration_seconds_count{job="ops.broken"} 1');
    await kernel.stop();
  });
});
