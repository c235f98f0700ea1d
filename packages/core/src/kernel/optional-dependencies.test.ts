import { AsyncSeriesHook } from 'tapable';
import { describe, expect, it } from 'vitest';
import { createToken } from '../di/tokens.js';
import { defineEntity } from '../entities/define-entity.js';
import { BootError } from '../errors.js';
import { definePlugin } from '../plugins/define-plugin.js';
import { admin, bootKernel, customersPlugin } from '../test-support/boot.js';

interface Order {
  customerId: string;
  total: number;
  points?: number;
}

const OrderEntity = defineEntity<Order>({
  name: 'order',
  plural: 'orders',
  schema: {
    type: 'object',
    properties: { customerId: { type: 'string' }, total: { type: 'integer', minimum: 0 } },
    required: ['customerId', 'total'],
  },
});

interface ShopHooks {
  paid: AsyncSeriesHook<[{ orderId: string; total: number }]>;
}

const SHOP_HOOKS = createToken<ShopHooks>('shop.hooks');

/** A sales-like plugin: defines `order` and publishes hooks. */
const shop = definePlugin({
  id: 'shop',
  version: '1.0.0',
  register(ctx) {
    ctx.entities.define(OrderEntity);
    ctx.hooks.publish<ShopHooks>(SHOP_HOOKS, { paid: new AsyncSeriesHook(['payment']) });
  },
});

interface LoyaltyProbe {
  shopPresent?: boolean;
  paid: string[];
  stamped: string[];
}

/** A loyalty-like plugin: uses shop when it is there, and works without it. */
function loyalty(
  probe: LoyaltyProbe,
  options: { guard?: boolean; use?: 'extend' | 'get' | 'tap' | 'all' } = {},
) {
  const { guard = true, use = 'all' } = options;
  return definePlugin({
    id: 'loyalty',
    version: '1.0.0',
    dependsOn: ['customers'],
    optionalDependsOn: ['shop'],
    register(ctx) {
      ctx.entities.extend('customer', { properties: { points: { type: 'integer' } } });
      probe.shopPresent = ctx.plugins.has('shop');
      if (guard && !probe.shopPresent) return;
      if (use === 'extend' || use === 'all') {
        ctx.entities.extend('order', { properties: { points: { type: 'integer' } } });
      }
      if (use === 'get' || use === 'all') {
        ctx.hooks.get(SHOP_HOOKS).paid.tapPromise('loyalty', async ({ orderId }) => {
          probe.paid.push(orderId);
        });
      }
      if (use === 'tap' || use === 'all') {
        ctx.hooks.entity<Order>('order').beforeCreate.tapPromise('loyalty', async (order) => {
          probe.stamped.push(order.customerId);
          return { ...order, points: Math.floor(order.total / 10) };
        });
      }
    },
  });
}

const probe = (): LoyaltyProbe => ({ paid: [], stamped: [] });

async function failuresOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BootError);
  return (error as BootError).failures.map(({ plugin, phase, message }) => ({ plugin, phase, message }));
}

describe('optional dependencies', () => {
  it('orders a plugin after an installed optional dependency and lets it extend and tap it', async () => {
    const seen = probe();
    // Listed before shop: the optional dependency still boots first.
    const { kernel } = await bootKernel({ plugins: [customersPlugin(), loyalty(seen)(), shop()] });
    expect(kernel.plugins.map((p) => p.id)).toEqual(['customers', 'shop', 'loyalty']);
    expect(kernel.plugins.find((p) => p.id === 'loyalty')).toMatchObject({
      dependsOn: ['customers'],
      optionalDependsOn: ['shop'],
    });
    expect(seen.shopPresent).toBe(true);
    expect(kernel.entities.get('order')?.extendedBy).toEqual(['loyalty']);

    const order = await kernel
      .data<Order>('order', { actor: admin })
      .create({ customerId: 'c1', total: 250 });
    expect(order.points).toBe(25);
    expect(seen.stamped).toEqual(['c1']);
    await kernel.stop();
  });

  it('taps published hooks of an installed optional dependency', async () => {
    const seen = probe();
    const published: ShopHooks[] = [];
    const shopWithHandle = definePlugin({
      ...shop.definition,
      register(ctx) {
        shop.definition.register(ctx);
        published.push(ctx.hooks.get(SHOP_HOOKS));
      },
    });
    const { kernel } = await bootKernel({ plugins: [customersPlugin(), shopWithHandle(), loyalty(seen)()] });
    await published[0]?.paid.promise({ orderId: 'o1', total: 10 });
    expect(seen.paid).toEqual(['o1']);
    await kernel.stop();
  });

  it('boots without the optional dependency and tells the plugin it is absent', async () => {
    const seen = probe();
    const { kernel } = await bootKernel({ plugins: [customersPlugin(), loyalty(seen)()] });
    expect(seen.shopPresent).toBe(false);
    expect(kernel.plugins.map((p) => p.id)).toEqual(['customers', 'loyalty']);
    expect(kernel.entities.has('order')).toBe(false);
    expect(kernel.entities.get('customer')?.extendedBy).toEqual(['loyalty']);
    await kernel.stop();
  });

  it('refuses an extension, a hooks.get and an entity tap of an absent optional dependency, naming it', async () => {
    const failures = async (use: 'extend' | 'get' | 'tap') =>
      failuresOf(bootKernel({ plugins: [customersPlugin(), loyalty(probe(), { guard: false, use })()] }));
    expect(await failures('extend')).toEqual([
      {
        plugin: 'loyalty',
        phase: 'register',
        message:
          "cannot extend unknown entity 'order': optional dependency 'shop' is not installed; check ctx.plugins.has('shop') first",
      },
    ]);
    expect(await failures('get')).toEqual([
      {
        plugin: 'loyalty',
        phase: 'register',
        message:
          "loyalty: no plugin published hooks 'shop.hooks': optional dependency 'shop' is not installed; check ctx.plugins.has('shop') first",
      },
    ]);
    expect(await failures('tap')).toEqual([
      { plugin: 'loyalty', phase: 'compile', message: "taps hooks of unknown entity 'order'" },
    ]);
  });

  it('answers plugins.has only for plugins the plugin lists', async () => {
    const answers: Record<string, boolean> = {};
    const nosy = definePlugin({
      id: 'nosy',
      version: '1',
      dependsOn: ['customers'],
      optionalDependsOn: ['shop', 'tickets'],
      register(ctx) {
        for (const id of ['nosy', 'customers', 'shop', 'tickets']) answers[id] = ctx.plugins.has(id);
        ctx.plugins.has('billing');
      },
    });
    expect(await failuresOf(bootKernel({ plugins: [customersPlugin(), shop(), nosy()] }))).toEqual([
      {
        plugin: 'nosy',
        phase: 'register',
        message:
          "nosy: plugins.has('billing') answers only for plugins listed in dependsOn or optionalDependsOn",
      },
    ]);
    expect(answers).toEqual({ nosy: true, customers: true, shop: true, tickets: false });
  });

  it('still refuses extending an entity of an installed plugin that is not listed', async () => {
    const stranger = definePlugin({
      id: 'stranger',
      version: '1',
      optionalDependsOn: ['tickets'],
      register: (ctx) => ctx.entities.extend('order', { properties: { note: { type: 'string' } } }),
    });
    expect(await failuresOf(bootKernel({ plugins: [customersPlugin(), shop(), stranger()] }))).toEqual([
      {
        plugin: 'stranger',
        phase: 'register',
        message: "extends entity 'order' of plugin 'shop' but does not depend on it",
      },
    ]);
  });

  it('reports a cycle through optional dependencies and an optional dependency depended on back', async () => {
    const tickets = definePlugin({ id: 'tickets', version: '1', optionalDependsOn: ['crm'], register() {} });
    const crm = definePlugin({ id: 'crm', version: '1', optionalDependsOn: ['tickets'], register() {} });
    expect(await failuresOf(bootKernel({ plugins: [tickets(), crm()] }))).toEqual([
      {
        plugin: 'tickets',
        phase: 'resolve',
        message: 'dependency cycle: tickets -(optional)-> crm -(optional)-> tickets',
      },
    ]);
    // Either alone boots.
    await (await bootKernel({ plugins: [tickets()] })).kernel.stop();

    const backShop = definePlugin({ ...shop.definition, dependsOn: ['loyalty'] });
    expect(
      await failuresOf(bootKernel({ plugins: [customersPlugin(), loyalty(probe())(), backShop()] })),
    ).toEqual([
      {
        plugin: 'loyalty',
        phase: 'resolve',
        message: 'dependency cycle: loyalty -(optional)-> shop -> loyalty',
      },
    ]);
  });
});
