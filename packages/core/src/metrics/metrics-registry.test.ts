import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/actor.js';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { definePlugin } from '../plugins/define-plugin.js';
import { admin, bootKernel, customersPlugin } from '../test-support/boot.js';

const metricsPlugin = definePlugin({
  id: 'customerStats',
  version: '1',
  dependsOn: ['customers'],
  register(ctx) {
    ctx.access.grant('teamLead', ['customer:read', 'metric:read']);
    ctx.access.grant('analyst', ['metric:read', 'customerStats:readAll']);
    ctx.access.rule({
      id: 'customerStats.ownTeam',
      entity: 'customer',
      where: (actor) =>
        actor.roles.includes('teamLead') ? { team: String(actor.attributes?.team) } : undefined,
    });
    ctx.metrics.define({
      id: 'customerStats.new',
      unit: 'count',
      better: 'higher',
      description: 'Customers created in the period',
      parameters: { properties: { team: { type: 'string', maxLength: 40 } } },
      compute: (period, metric) =>
        metric.data('customer').count({
          createdAt: { gte: new Date(period.from).toISOString(), lt: new Date(period.to).toISOString() },
          ...(metric.params.team ? { team: metric.params.team as string } : {}),
        }),
    });
    ctx.metrics.define({
      id: 'customerStats.all',
      unit: 'count',
      better: 'higher',
      access: { permission: 'customerStats:readAll' },
      compute: (_period, metric) => metric.data('customer').count(),
    });
  },
});

const lead = (team: string): Actor => ({
  id: `lead-${team}`,
  kind: 'user',
  roles: ['teamLead'],
  attributes: { team },
});

async function bootWithCustomers() {
  const booted = await bootKernel({ plugins: [customersPlugin(), metricsPlugin()] });
  const repo = booted.kernel.data('customer', { actor: admin });
  await repo.create({ name: 'early', team: 'north' });
  booted.clock.advance(86_400_000);
  await repo.create({ name: 'late 1', team: 'north' });
  await repo.create({ name: 'late 2', team: 'south' });
  await repo.create({ name: 'late 3', team: 'south' });
  return booted;
}

const from = Date.parse('2026-03-02T00:00:00Z');
const period = { from, to: from + 86_400_000 };

describe('metrics', () => {
  it('lists metrics with their access and parameters, and computes one over a period', async () => {
    const { kernel } = await bootWithCustomers();
    expect(kernel.metrics.list()).toEqual([
      {
        id: 'customerStats.new',
        unit: 'count',
        better: 'higher',
        description: 'Customers created in the period',
        plugin: 'customerStats',
        access: 'caller',
        parameters: { properties: { team: { type: 'string', maxLength: 40 } } },
      },
      {
        id: 'customerStats.all',
        unit: 'count',
        better: 'higher',
        plugin: 'customerStats',
        access: { permission: 'customerStats:readAll' },
        parameters: { properties: {} },
      },
    ]);
    expect(await kernel.metrics.compute('customerStats.new', period, { actor: admin })).toEqual({
      id: 'customerStats.new',
      unit: 'count',
      value: 3,
      from: '2026-03-02T00:00:00.000Z',
      to: '2026-03-03T00:00:00.000Z',
      params: {},
    });
    await expect(kernel.metrics.compute('nope', period, { actor: admin })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      kernel.metrics.compute('customerStats.new', { from, to: from }, { actor: admin }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('computes as the caller: record rules narrow the figure as they narrow lists', async () => {
    const { kernel } = await bootWithCustomers();
    const north = await kernel.metrics.compute('customerStats.new', period, { actor: lead('north') });
    const south = await kernel.metrics.compute('customerStats.new', period, { actor: lead('south') });
    expect([north.value, south.value]).toEqual([1, 2]);
    expect(await kernel.data('customer', { actor: lead('south') }).count()).toBe(2);
    // A parameter narrows further but never widens past the rules.
    const asked = await kernel.metrics.compute('customerStats.new', period, {
      actor: lead('north'),
      params: { team: 'south' },
    });
    expect(asked).toMatchObject({ value: 0, params: { team: 'south' } });
    expect(
      (await kernel.metrics.compute('customerStats.new', period, { actor: admin, params: { team: 'south' } }))
        .value,
    ).toBe(2);
  });

  it('refuses unknown and ill-typed parameters, naming them', async () => {
    const { kernel } = await bootWithCustomers();
    await expect(
      kernel.metrics.compute('customerStats.new', period, { actor: admin, params: { owner: 'x' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'owner', rule: 'unknown' }] });
    await expect(
      kernel.metrics.compute('customerStats.new', period, { actor: admin, params: { team: 7 } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'team', rule: 'type' }] });
  });

  it('needs metric:read, the metric’s own permission when unscoped, and the reads’ permissions', async () => {
    const { kernel } = await bootWithCustomers();
    const stranger: Actor = { id: 'x', kind: 'user', roles: [] };
    await expect(
      kernel.metrics.compute('customerStats.new', period, { actor: stranger }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'metric:read' },
    });
    await expect(
      kernel.metrics.compute('customerStats.all', period, { actor: lead('north') }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', details: { permission: 'customerStats:readAll' } });
    const analyst: Actor = { id: 'a', kind: 'user', roles: ['analyst'] };
    expect((await kernel.metrics.compute('customerStats.all', period, { actor: analyst })).value).toBe(4);
    // The analyst may not read customers: the caller-scoped metric says which read was refused.
    const refused = kernel.metrics.compute('customerStats.new', period, { actor: analyst });
    await expect(refused).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'customer:read', metric: 'customerStats.new' },
    });
    await expect(refused).rejects.toThrow(/metric 'customerStats.new' reads records/);
    expect((await kernel.metrics.compute('customerStats.all', period, { actor: SYSTEM_ACTOR })).value).toBe(
      4,
    );
  });

  it('refuses a metric id outside the plugin prefix, bad parameters and a bad permission at boot', async () => {
    const bad = definePlugin({
      id: 'bad',
      version: '1',
      register: (ctx) => {
        ctx.metrics.define({ id: 'sales.x', unit: 'count', better: 'higher', compute: async () => 1 });
        ctx.metrics.define({
          id: 'bad.deep',
          unit: 'count',
          better: 'higher',
          parameters: { properties: { where: { type: 'object' } } },
          compute: async () => 1,
        });
        ctx.metrics.define({
          id: 'bad.perm',
          unit: 'count',
          better: 'higher',
          access: { permission: 'everything' },
          compute: async () => 1,
        });
      },
    });
    await expect(bootKernel({ plugins: [bad()] })).rejects.toMatchObject({
      failures: [
        { plugin: 'bad', message: "metric id 'sales.x' must start with 'bad.'" },
        {
          plugin: 'bad',
          message: "metric 'bad.deep': parameter 'where' must be a string, integer, number or boolean",
        },
        { plugin: 'bad', message: expect.stringContaining("metric 'bad.perm': access.permission") },
      ],
    });
  });
});
