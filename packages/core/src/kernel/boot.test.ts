import { describe, expect, it } from 'vitest';
import { defineEntity } from '../entities/define-entity.js';
import { BootError, LifecycleError } from '../errors.js';
import { definePlugin, type RegisterContext } from '../plugins/define-plugin.js';
import { memoryStore } from '../store/memory-store.js';
import { Customer, customersPlugin, silent } from '../test-support/boot.js';
import { createKernel } from './create-kernel.js';

const boot = (plugins: Parameters<typeof createKernel>[0]['plugins']) =>
  createKernel({ store: memoryStore(), plugins, logger: silent, jobs: { timer: false } });

async function bootFailures(plugins: Parameters<typeof createKernel>[0]['plugins']) {
  const error = await boot(plugins).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BootError);
  return (error as BootError).failures.map(({ plugin, phase, message }) => ({ plugin, phase, message }));
}

describe('createKernel boot errors', () => {
  it('names a duplicate plugin', async () => {
    expect(await bootFailures([customersPlugin(), customersPlugin()])).toEqual([
      {
        plugin: 'customers',
        phase: 'resolve',
        message: "plugin 'customers' is listed twice (versions 1.0.0 and 1.0.0)",
      },
    ]);
  });

  it('names a missing dependency and a cycle path, gathered in one error', async () => {
    const a = definePlugin({ id: 'a', version: '1', dependsOn: ['b'], register() {} });
    const b = definePlugin({ id: 'b', version: '1', dependsOn: ['a'], register() {} });
    const c = definePlugin({ id: 'c', version: '1', dependsOn: ['nope'], register() {} });
    const failures = await bootFailures([a(), b(), c()]);
    expect(failures).toContainEqual({
      plugin: 'c',
      phase: 'resolve',
      message: "depends on 'nope', which is not installed",
    });
    expect(failures).toContainEqual({
      plugin: 'a',
      phase: 'resolve',
      message: 'dependency cycle: a -> b -> a',
    });
  });

  it('checks options against the plugin schema before anything runs, and applies defaults', async () => {
    let registered = false;
    const sales = definePlugin<{ pipeline: string; stale: number }>({
      id: 'sales',
      version: '1',
      options: {
        type: 'object',
        properties: {
          pipeline: { type: 'string', enum: ['b2b', 'b2c'] },
          stale: { type: 'integer', default: 30 },
        },
        additionalProperties: false,
      },
      register(ctx) {
        registered = true;
        expect(ctx.options.stale).toBe(30);
      },
    });
    expect(await bootFailures([sales({ pipeline: 'b2x' })])).toEqual([
      {
        plugin: 'sales',
        phase: 'options',
        message: 'invalid options: pipeline must be one of: "b2b", "b2c"',
      },
    ]);
    expect(registered).toBe(false);
    await boot([sales({ pipeline: 'b2b' })]);
    expect(registered).toBe(true);
  });

  it('reports rules spanning several options in the options phase, before register', async () => {
    let registered = false;
    const stages = definePlugin<{ warnAfterDays: number; churnAfterDays: number }>({
      id: 'stages',
      version: '1',
      options: {
        type: 'object',
        properties: {
          warnAfterDays: { type: 'integer', default: 60 },
          churnAfterDays: { type: 'integer', default: 90 },
        },
      },
      checkOptions: (o) =>
        o.warnAfterDays < o.churnAfterDays
          ? []
          : [`warnAfterDays (${o.warnAfterDays}) must be below churnAfterDays (${o.churnAfterDays})`],
      register() {
        registered = true;
      },
    });
    expect(await bootFailures([stages({ warnAfterDays: 120 })])).toEqual([
      {
        plugin: 'stages',
        phase: 'options',
        message: 'invalid options: warnAfterDays (120) must be below churnAfterDays (90)',
      },
    ]);
    expect(registered).toBe(false);
    await boot([stages()]);
    expect(registered).toBe(true);
  });

  it('defines several entities in one call, and takes roles and record rules from the config', async () => {
    const Note = defineEntity<{ text: string }>({
      name: 'note',
      plural: 'notes',
      schema: {
        type: 'object',
        properties: { text: { type: 'string', maxLength: 100 } },
        required: ['text'],
      },
    });
    const Tag = defineEntity<{ label: string; team?: string }>({
      name: 'tag',
      plural: 'tags',
      schema: {
        type: 'object',
        properties: { label: { type: 'string', maxLength: 40 }, team: { type: 'string', maxLength: 40 } },
        required: ['label'],
      },
    });
    const both = definePlugin({
      id: 'both',
      version: '1',
      register: (ctx) => ctx.entities.define(Note, Tag),
    });
    const kernel = await createKernel({
      store: memoryStore(),
      plugins: [both()],
      logger: silent,
      jobs: { timer: false },
      access: {
        roles: { tagger: ['tag:read', 'tag:create'] },
        rules: [
          { id: 'config.ownTeam', entity: 'tag', where: (a) => ({ team: String(a.attributes?.team) }) },
        ],
      },
    });
    expect([...kernel.entities.keys()]).toEqual(['note', 'tag']);
    await kernel.start();
    const north = { id: 'n', kind: 'user' as const, roles: ['tagger'], attributes: { team: 'north' } };
    await kernel.data('tag', { actor: north }).create({ label: 'a', team: 'north' });
    await expect(
      kernel.data('tag', { actor: north }).create({ label: 'b', team: 'south' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // The running kernel answers questions about access; it hands out no way to grant.
    expect(kernel.access.can(north, 'tag', 'create')).toBe(true);
    expect(kernel.access.can(north, 'note', 'read')).toBe(false);
    expect('grant' in kernel.access).toBe(false);
    expect('add' in kernel.metrics).toBe(false);
    expect('startTimer' in kernel.jobs).toBe(false);
    await kernel.stop();
  });

  it('reports failures of several plugins together', async () => {
    const broken = definePlugin({
      id: 'broken',
      version: '1',
      register() {
        throw new Error('boom in register');
      },
    });
    const clash = definePlugin({
      id: 'clash',
      version: '1',
      dependsOn: ['customers'],
      register(ctx) {
        ctx.entities.extend('customer', { properties: { name: { type: 'integer' } } });
      },
    });
    const failures = await bootFailures([customersPlugin(), broken(), clash()]);
    expect(failures).toEqual([
      { plugin: 'broken', phase: 'register', message: 'boom in register' },
      {
        plugin: 'clash',
        phase: 'register',
        message: "cannot add 'customer.name': plugin 'customers' already defines it",
      },
    ]);
  });

  it('refuses an extension from a plugin that does not depend on the owner', async () => {
    const loose = definePlugin({
      id: 'loose',
      version: '1',
      register(ctx) {
        ctx.entities.extend('customer', { properties: { ltv: { type: 'integer' } } });
      },
    });
    expect(await bootFailures([customersPlugin(), loose()])).toEqual([
      {
        plugin: 'loose',
        phase: 'register',
        message: "extends entity 'customer' of plugin 'customers' but does not depend on it",
      },
    ]);
  });

  it('refuses a duplicate entity and hooks on an unknown entity', async () => {
    const again = definePlugin({
      id: 'again',
      version: '1',
      register: (ctx) => ctx.entities.define(Customer),
    });
    const tapper = definePlugin({
      id: 'tapper',
      version: '1',
      register: (ctx) => void ctx.hooks.entity('ghost').afterCreate.tapPromise('tapper', async () => {}),
    });
    expect(await bootFailures([customersPlugin(), again(), tapper()])).toEqual([
      {
        plugin: 'again',
        phase: 'register',
        message: "entity 'customer' is already defined by plugin 'customers'",
      },
      { plugin: 'tapper', phase: 'compile', message: "taps hooks of unknown entity 'ghost'" },
    ]);
  });

  it('reports a schema that ajv strict mode refuses, naming the entity', async () => {
    const bad = definePlugin({
      id: 'bad',
      version: '1',
      register: (ctx) =>
        ctx.entities.define(
          defineEntity({
            name: 'thing',
            plural: 'things',
            schema: { type: 'object', properties: { x: { type: 'strin' } } },
          }),
        ),
    });
    const [failure] = await bootFailures([bad()]);
    expect(failure?.phase).toBe('compile');
    expect(failure?.message).toMatch(/schema of entity 'thing' \(from bad\) does not compile/);
  });
});

describe('plugin lifecycle', () => {
  it('extends an entity of a dependency and validates the merged schema', async () => {
    const value = definePlugin({
      id: 'value',
      version: '1',
      dependsOn: ['customers'],
      register(ctx) {
        ctx.entities.extend('customer', { properties: { lifetimeValue: { type: 'integer' } } });
      },
    });
    const kernel = await boot([value(), customersPlugin()]);
    expect(kernel.plugins.map((p) => p.id)).toEqual(['customers', 'value']);
    const entity = kernel.entities.get('customer');
    expect(entity?.extendedBy).toEqual(['value']);
    expect(Object.keys(entity?.inputSchema.properties ?? {})).toContain('lifetimeValue');
  });

  it('starts in dependency order and stops in reverse', async () => {
    const calls: string[] = [];
    const make = (id: string, dependsOn: string[] = []) =>
      definePlugin({
        id,
        version: '1',
        dependsOn,
        register: () => void calls.push(`register ${id}`),
        start: () => void calls.push(`start ${id}`),
        stop: () => void calls.push(`stop ${id}`),
      });
    const kernel = await boot([make('c', ['b'])(), make('b', ['a'])(), make('a')()]);
    await kernel.start();
    await kernel.stop();
    expect(calls).toEqual([
      'register a',
      'register b',
      'register c',
      'start a',
      'start b',
      'start c',
      'stop c',
      'stop b',
      'stop a',
    ]);
    expect(kernel.bootTimings.filter((t) => t.phase === 'start').map((t) => t.plugin)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('stops the plugins already started when a start fails, and names the plugin', async () => {
    const calls: string[] = [];
    const ok = definePlugin({
      id: 'ok',
      version: '1',
      register() {},
      stop: () => void calls.push('stop ok'),
    });
    const failing = definePlugin({
      id: 'failing',
      version: '1',
      register() {},
      start() {
        throw new Error('no database');
      },
    });
    const kernel = await boot([ok(), failing()]);
    const error = (await kernel.start().catch((e: unknown) => e)) as BootError;
    expect(error.failures).toMatchObject([{ plugin: 'failing', phase: 'start', message: 'no database' }]);
    expect(calls).toEqual(['stop ok']);
    expect(kernel.state).toBe('stopped');
  });

  it('throws when a declaration API is used after boot', async () => {
    let saved: RegisterContext | undefined;
    const sneaky = definePlugin({
      id: 'sneaky',
      version: '1',
      register: (ctx) => {
        saved = ctx as RegisterContext;
      },
    });
    const kernel = await boot([customersPlugin(), sneaky()]);
    await kernel.start();
    expect(() => saved?.entities.define(Customer)).toThrow(LifecycleError);
    expect(() => saved?.events.on('a.b.c', () => {})).toThrow(/only be called inside register/);
    expect(() => saved?.hooks.entity('customer')).toThrow(LifecycleError);
    await kernel.stop();
  });

  it('throws when a hook kept from register is tapped after boot', async () => {
    let hooks: ReturnType<RegisterContext['hooks']['entity']> | undefined;
    const keeper = definePlugin({
      id: 'keeper',
      version: '1',
      dependsOn: ['customers'],
      register: (ctx) => {
        hooks = ctx.hooks.entity('customer');
      },
    });
    await boot([customersPlugin(), keeper()]);
    expect(() => hooks?.afterCreate.tapPromise('late', async () => {})).toThrow(
      /cannot tap 'entity\(customer\)\.afterCreate'/,
    );
  });

  it('refuses to hand out repositories before start', async () => {
    const kernel = await boot([customersPlugin()]);
    expect(() => kernel.data('customer', { actor: { id: 'x', kind: 'user', roles: ['admin'] } })).toThrow(
      /call start\(\) first/,
    );
  });
});
