import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/actor.js';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { ConflictError, ValidationError } from '../errors.js';
import { HookStage } from '../hooks/stages.js';
import { definePlugin } from '../plugins/define-plugin.js';
import { admin, bootKernel, customersPlugin } from '../test-support/boot.js';

const teamManager = (team: string): Actor => ({
  id: `manager-${team}`,
  kind: 'user',
  roles: ['manager'],
  attributes: { team },
});

describe('validation', () => {
  it('lists every unknown and system field at once, and stores nothing', async () => {
    const { kernel } = await bootKernel();
    const repo = kernel.data('customer', { actor: admin });
    const error = (await repo
      .create({ name: 'A', id: 'x', version: 9, colour: 'red', size: 1 } as never)
      .catch((e) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.errors).toEqual([
      { path: 'id', rule: 'system-field', message: 'is set by the system and cannot be written' },
      { path: 'version', rule: 'system-field', message: 'is set by the system and cannot be written' },
      { path: 'colour', rule: 'unknown', message: 'is not a known field' },
      { path: 'size', rule: 'unknown', message: 'is not a known field' },
    ]);
    expect(await repo.count()).toBe(0);
  });

  it('names the field and the rule for schema violations', async () => {
    const { kernel } = await bootKernel();
    const repo = kernel.data('customer', { actor: admin });
    await expect(repo.create({ name: 'A', email: 'not-an-email' })).rejects.toMatchObject({
      errors: [{ path: 'email', rule: 'format', message: 'must be a valid email' }],
      message: 'invalid customer: email must be a valid email',
    });
    await expect(repo.create({ name: 'A', score: 'high' } as never)).rejects.toMatchObject({
      errors: [{ path: 'score', rule: 'type', message: 'must be an integer' }],
    });
    await expect(repo.create({} as never)).rejects.toMatchObject({
      errors: [{ path: 'name', rule: 'required' }],
    });
    await expect(repo.create({ name: 'A', tags: ['ok', 3] } as never)).rejects.toMatchObject({
      errors: [{ path: 'tags.1', rule: 'type' }],
    });
    await expect(repo.create('nope' as never)).rejects.toMatchObject({
      errors: [{ path: '', rule: 'type' }],
    });
    expect(await repo.count()).toBe(0);
  });

  it('fills schema defaults and refuses system fields in a patch', async () => {
    const { kernel } = await bootKernel();
    const repo = kernel.data('customer', { actor: admin });
    const created = await repo.create({ name: 'A' });
    expect(created.score).toBe(0);
    await expect(repo.update(created.id, { createdAt: 'x' } as never)).rejects.toMatchObject({
      errors: [{ path: 'createdAt', rule: 'system-field' }],
    });
    await expect(repo.update(created.id, { score: -1 })).rejects.toMatchObject({
      errors: [{ path: 'score', rule: 'minimum' }],
    });
    expect(await repo.get(created.id)).toEqual(created);
  });

  it('refuses input nested 10,000 deep with a ValidationError naming the limit, and stores nothing', async () => {
    const { kernel } = await bootKernel();
    const repo = kernel.data('customer', { actor: admin });
    const created = await repo.create({ name: 'A' });
    const deepArrays = JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`) as never;
    const deepObjects = JSON.parse(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`) as never;
    const cycle: Record<string, unknown> = {};
    cycle.again = [cycle];
    for (const deep of [deepArrays, deepObjects, cycle]) {
      for (const write of [
        () => repo.create({ name: 'B', tags: deep }),
        () => repo.update(created.id, { tags: deep }),
      ]) {
        const error = (await write().catch((e: unknown) => e)) as ValidationError;
        expect(error).toBeInstanceOf(ValidationError);
        expect(error.errors).toEqual([
          {
            path: 'tags',
            rule: 'maxDepth',
            message: expect.stringMatching(/^nests deeper than 64 levels \(at tags\./),
          },
        ]);
        expect(error.message).toMatch(
          /^invalid customer: tags nests deeper than 64 levels \(at tags\.\S+…\)$/,
        );
      }
    }
    expect(await repo.count()).toBe(1);
    expect(await repo.get(created.id)).toEqual(created);
    expect((await kernel.audit({ limit: 100 }, { actor: admin })).items).toHaveLength(1);
  });

  it('lets input nest exactly 64 levels through to the schema, and refuses 65', async () => {
    const { kernel } = await bootKernel();
    const repo = kernel.data('customer', { actor: admin });
    const nested = (levels: number) => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`) as never;
    // The record is level 1, `tags` level 2: 63 nested arrays in `tags` make 64 levels.
    await expect(repo.create({ name: 'A', tags: nested(63) })).rejects.toMatchObject({
      errors: [{ path: 'tags.0', rule: 'type' }],
    });
    await expect(repo.create({ name: 'A', tags: nested(64) })).rejects.toMatchObject({
      errors: [{ path: 'tags', rule: 'maxDepth' }],
    });
  });

  it('refuses a where value nested 10,000 deep as an invalid query', async () => {
    const { kernel } = await bootKernel();
    const repo = kernel.data('customer', { actor: admin });
    const deep = JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`) as never;
    for (const where of [
      { tags: { eq: deep } },
      { tags: { contains: deep } },
      { tags: { in: [deep] } },
      { not: deep },
    ]) {
      await expect(repo.find({ where })).rejects.toMatchObject({
        code: 'INVALID_QUERY',
        message: expect.stringContaining('deeper than 64 levels'),
      });
    }
  });
});

describe('entity hooks', () => {
  it('runs validate, before (waterfall, by stage) and after hooks in order', async () => {
    const calls: string[] = [];
    const plugin = definePlugin({
      id: 'hooks',
      version: '1',
      dependsOn: ['customers'],
      register(ctx) {
        const hooks = ctx.hooks.entity<{ name: string; tags?: string[] }>('customer');
        hooks.validate.tapPromise('hooks', async ({ record, operation }) => {
          calls.push(`validate ${operation}`);
          if (record.name === 'forbidden') {
            throw new ValidationError('name is reserved', [
              { path: 'name', rule: 'reserved', message: 'is reserved' },
            ]);
          }
        });
        hooks.beforeCreate.tapPromise({ name: 'hooks-late', stage: HookStage.LATE }, async (record) => {
          calls.push('before late');
          return { ...record, tags: [...(record.tags ?? []), 'late'] };
        });
        hooks.beforeCreate.tapPromise({ name: 'hooks-early', stage: HookStage.EARLY }, async (record) => {
          calls.push('before early');
          return { ...record, name: record.name.trim(), tags: ['early'] };
        });
        hooks.afterCreate.tapPromise('hooks', async (record, write) => {
          calls.push(`after ${record.name}`);
          expect(await write.data('customer').get(record.id)).toMatchObject({ name: record.name });
        });
        hooks.beforeUpdate.tapPromise('hooks', async (record, write) => {
          calls.push(`before update from ${write.previous?.name}`);
          return record;
        });
        hooks.beforeDelete.tapPromise('hooks', async () => void calls.push('before delete'));
        hooks.afterDelete.tapPromise('hooks', async () => void calls.push('after delete'));
      },
    });
    const { kernel } = await bootKernel({ plugins: [customersPlugin(), plugin()] });
    const repo = kernel.data<{ name: string; tags?: string[] }>('customer', { actor: admin });
    const created = await repo.create({ name: '  Ada ' });
    expect(created).toMatchObject({ name: 'Ada', tags: ['early', 'late'] });
    await repo.update(created.id, { name: 'Ada L' });
    await repo.delete(created.id);
    await expect(repo.create({ name: 'forbidden' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ rule: 'reserved' }],
    });
    expect(calls).toEqual([
      'validate create',
      'before early',
      'before late',
      'after Ada',
      'validate update',
      'before update from Ada',
      'validate delete',
      'before delete',
      'after delete',
      'validate create',
    ]);
  });

  it('re-validates what a before hook returns and keeps system fields', async () => {
    const plugin = definePlugin({
      id: 'mangler',
      version: '1',
      dependsOn: ['customers'],
      register(ctx) {
        ctx.hooks
          .entity('customer')
          .beforeCreate.tapPromise('mangler', async (record) =>
            record.name === 'bad' ? { ...record, score: 'x' } : { ...record, id: 'hijacked', version: 99 },
          );
      },
    });
    const { kernel } = await bootKernel({ plugins: [customersPlugin(), plugin()] });
    const repo = kernel.data('customer', { actor: admin });
    await expect(repo.create({ name: 'bad' })).rejects.toMatchObject({ errors: [{ path: 'score' }] });
    const ok = await repo.create({ name: 'good' });
    expect(ok.id).not.toBe('hijacked');
    expect(ok.version).toBe(1);
  });
});

describe('unique conflicts', () => {
  /** Makes customer e-mails unique; with `explain`, a `conflict` tap names the holder. */
  const uniqueEmails = (explain: boolean) =>
    definePlugin({
      id: 'unique-emails',
      version: '1',
      dependsOn: ['customers'],
      register(ctx) {
        ctx.entities.extend('customer', { indexes: [{ fields: ['email'], unique: true }] });
        if (!explain) return;
        ctx.hooks.entity('customer').conflict.tapPromise('unique-emails', async (error, context) => {
          const holder = await context.system('customer').get(context.conflict.conflictingId);
          return new ConflictError(
            `${context.operation}: ${context.conflict.values.join()} belongs to ${String(holder.name)}`,
            { details: { ...error.details, holder: holder.name }, cause: error },
          );
        });
      },
    });

  it('reports the index and the holder, and stores nothing', async () => {
    const { kernel } = await bootKernel({ plugins: [customersPlugin(), uniqueEmails(false)()] });
    const repo = kernel.data('customer', { actor: admin });
    const ada = await repo.create({ name: 'Ada', email: 'ada@example.com' });
    const error = (await repo
      .create({ name: 'Eve', email: 'ada@example.com' })
      .catch((e) => e)) as ConflictError;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.details).toEqual({
      kind: 'unique',
      entity: 'customer',
      id: expect.any(String),
      fields: ['email'],
      field: 'email',
      value: 'ada@example.com',
      existingId: ada.id,
    });
    expect(error.message).toBe(`customer: email "ada@example.com" is already taken by customer ${ada.id}`);
    expect(await repo.count()).toBe(1);
  });

  it('names the holder only to an actor who may see it', async () => {
    const teamOnly = definePlugin({
      id: 'team-only',
      version: '1',
      dependsOn: ['customers'],
      register(ctx) {
        ctx.access.grant('teamRep', ['customer:read', 'customer:create']);
        ctx.access.rule({
          id: 'team-only.own',
          entity: 'customer',
          where: (actor) =>
            actor.roles.includes('teamRep') ? { team: String(actor.attributes?.team) } : undefined,
        });
      },
    });
    const { kernel } = await bootKernel({ plugins: [customersPlugin(), uniqueEmails(false)(), teamOnly()] });
    const south = await kernel
      .data('customer', { actor: admin })
      .create({ name: 'Ada', email: 'ada@example.com', team: 'south' });
    const north = { id: 'rep-n', kind: 'user' as const, roles: ['teamRep'], attributes: { team: 'north' } };
    const error = (await kernel
      .data('customer', { actor: north })
      .create({ name: 'Eve', email: 'ada@example.com', team: 'north' })
      .catch((e) => e)) as ConflictError;
    expect(error).toMatchObject({ code: 'CONFLICT', details: { kind: 'unique', field: 'email' } });
    expect(error.details).not.toHaveProperty('existingId');
    expect(error.message).not.toContain(south.id);
    expect(JSON.stringify(error.details)).not.toContain(south.id);
  });

  it('reports a stale version as a version conflict', async () => {
    const { kernel } = await bootKernel();
    const repo = kernel.data('customer', { actor: admin });
    const ada = await repo.create({ name: 'Ada' });
    await repo.update(ada.id, { name: 'Ada L.' });
    await expect(repo.update(ada.id, { name: 'X' }, { expectedVersion: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { kind: 'version', entity: 'customer', id: ada.id, expected: 1, actual: 2 },
    });
  });

  it('lets conflict taps answer a clearer error, reading inside the transaction', async () => {
    const { kernel } = await bootKernel({ plugins: [customersPlugin(), uniqueEmails(true)()] });
    const repo = kernel.data('customer', { actor: admin });
    await repo.create({ name: 'Ada', email: 'ada@example.com' });
    const bob = await repo.create({ name: 'Bob', email: 'bob@example.com' });
    await expect(repo.create({ name: 'Eve', email: 'ada@example.com' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'create: ada@example.com belongs to Ada',
      details: { fields: ['email'], holder: 'Ada' },
    });
    await expect(repo.update(bob.id, { email: 'ada@example.com' })).rejects.toMatchObject({
      message: 'update: ada@example.com belongs to Ada',
    });
    expect(await repo.get(bob.id)).toMatchObject({ email: 'bob@example.com', version: 1 });
    // Only the failure path runs the taps: other refusals keep their own error.
    await expect(repo.update(bob.id, { name: 'B' }, { expectedVersion: 7 })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { expected: 7, actual: 1 },
    });
  });
});

describe('access', () => {
  const teamRule = definePlugin({
    id: 'teams',
    version: '1',
    dependsOn: ['customers'],
    register(ctx) {
      ctx.access.rule({
        id: 'teams.ownTeam',
        entity: 'customer',
        where: (actor) => (actor.attributes?.team ? { team: String(actor.attributes.team) } : undefined),
      });
      ctx.access.grant('auditor', ['audit:read']);
    },
  });

  it('checks permissions on every call', async () => {
    const { kernel } = await bootKernel();
    const viewer: Actor = { id: 'v', kind: 'user', roles: ['viewer'] };
    const nobody: Actor = { id: 'n', kind: 'user', roles: [] };
    const created = await kernel.data('customer', { actor: admin }).create({ name: 'A' });
    const asViewer = kernel.data('customer', { actor: viewer });
    expect(await asViewer.get(created.id)).toMatchObject({ name: 'A' });
    await expect(asViewer.create({ name: 'B' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: "actor 'v' lacks permission 'customer:create'",
    });
    await expect(asViewer.update(created.id, { name: 'B' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(asViewer.delete(created.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const asNobody = kernel.data('customer', { actor: nobody });
    for (const call of [
      () => asNobody.get(created.id),
      () => asNobody.find(),
      () => asNobody.count(),
      () => asNobody.aggregate({ measures: { n: 'count' } }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(kernel.audit({}, { actor: viewer })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('applies record rules to get, getJson, find, count, aggregate, update and delete alike', async () => {
    const { kernel } = await bootKernel({ plugins: [customersPlugin(), teamRule()] });
    const all = kernel.data('customer', { actor: admin });
    const north = await all.create({ name: 'N1', team: 'north' });
    await all.create({ name: 'N2', team: 'north' });
    const south = await all.create({ name: 'S1', team: 'south' });
    const repo = kernel.data('customer', { actor: teamManager('north') });
    expect((await repo.find()).items.map((c) => c.name).sort()).toEqual(['N1', 'N2']);
    expect((await repo.find({ where: { or: [{ team: 'south' }, { team: 'north' }] } })).items).toHaveLength(
      2,
    );
    expect(await repo.count()).toBe(2);
    expect(await repo.count({ team: 'south' })).toBe(0);
    expect(await repo.aggregate({ groupBy: ['team'], measures: { n: 'count' } })).toEqual([
      { team: 'north', n: 2 },
    ]);
    expect(await repo.get(north.id)).toMatchObject({ name: 'N1' });
    await expect(repo.get(south.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(JSON.parse((await repo.getJson(north.id)).json)).toEqual(await repo.get(north.id));
    await expect(repo.getJson(south.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(repo.update(south.id, { name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(repo.delete(south.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(repo.update(north.id, { team: 'south' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(repo.create({ name: 'S2', team: 'south' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await all.count({ team: 'south' })).toBe(1);
    expect(await kernel.data('customer', { actor: SYSTEM_ACTOR }).count()).toBe(3);
  });
});

describe('audit', () => {
  it('records who changed which fields, when, for every write', async () => {
    const { kernel, clock } = await bootKernel();
    const repo = kernel.data<{ name: string; score?: number }>('customer', { actor: admin });
    const created = await repo.create({ name: 'A' });
    clock.advance(60_000);
    await repo.update(created.id, { name: 'B', score: 3 });
    clock.advance(60_000);
    await repo.delete(created.id);
    const { items } = await kernel.audit({ where: { recordId: created.id }, sort: ['at'] }, { actor: admin });
    expect(
      items.map(({ action, actorId, entity, at, fields }) => ({ action, actorId, entity, at, fields })),
    ).toEqual([
      {
        action: 'create',
        actorId: 'admin-1',
        entity: 'customer',
        at: '2026-03-01T09:00:00.000Z',
        fields: ['createdAt', 'id', 'name', 'score'],
      },
      {
        action: 'update',
        actorId: 'admin-1',
        entity: 'customer',
        at: '2026-03-01T09:01:00.000Z',
        fields: ['name', 'score'],
      },
      {
        action: 'delete',
        actorId: 'admin-1',
        entity: 'customer',
        at: '2026-03-01T09:02:00.000Z',
        fields: ['createdAt', 'id', 'name', 'score'],
      },
    ]);
    expect(items[1]?.changes).toEqual({ name: { from: 'A', to: 'B' }, score: { from: 0, to: 3 } });
  });

  it('says that a writeOnly field changed, never its value', async () => {
    const secrets = definePlugin({
      id: 'secrets',
      version: '1',
      dependsOn: ['customers'],
      register(ctx) {
        ctx.entities.extend('customer', { properties: { pin: { type: 'string', writeOnly: true } } });
      },
    });
    const { kernel } = await bootKernel({ plugins: [customersPlugin(), secrets()] });
    const repo = kernel.data<{ name: string; pin?: string }>('customer', { actor: admin });
    const created = await repo.create({ name: 'A', pin: '1234' });
    await repo.update(created.id, { pin: '9876' });
    await repo.update(created.id, { name: 'B' });
    await repo.update(created.id, { pin: null } as never);
    const { items } = await kernel.audit(
      { where: { recordId: created.id }, sort: ['at', 'id'] },
      { actor: admin },
    );
    expect(items.map((item) => item.changes.pin)).toEqual([
      { from: null, to: '[redacted]' },
      { from: '[redacted]', to: '[redacted]' },
      undefined,
      { from: '[redacted]', to: null },
    ]);
    expect(JSON.stringify(items)).not.toMatch(/1234|9876/);
  });
});

describe('readOnly fields', () => {
  const computedScore = definePlugin({
    id: 'scoring',
    version: '1',
    dependsOn: ['customers'],
    register(ctx) {
      ctx.entities.extend('customer', {
        properties: {
          rank: { type: 'string', enum: ['new', 'gold'], default: 'new', readOnly: true },
          stats: {
            type: 'object',
            properties: { n: { type: 'integer' }, m: { type: 'integer' } },
            readOnly: true,
          },
        },
      });
      ctx.hooks
        .entity('customer')
        .beforeUpdate.tapPromise('scoring', async (record, write) =>
          write.patch && 'name' in write.patch ? { ...record, stats: { n: 1, m: 2 } } : record,
        );
    },
  });

  it('refuses them from anyone but the system, listing each, and lets a read-modify-write resend them', async () => {
    const { kernel } = await bootKernel({ plugins: [customersPlugin(), computedScore()] });
    const repo = kernel.data<Record<string, unknown>>('customer', { actor: admin });
    await expect(repo.create({ name: 'A', rank: 'gold', stats: { n: 5 } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [
        { path: 'rank', rule: 'readOnly' },
        { path: 'stats', rule: 'readOnly' },
      ],
    });
    // The default may be sent on create; a hook computes the field on the caller's behalf.
    const created = await repo.create({ name: 'A', rank: 'new' });
    const renamed = await repo.update(created.id, { name: 'B' });
    expect(renamed.stats).toEqual({ n: 1, m: 2 });
    // Sending the current value back (another key order) is not a change.
    await expect(
      repo.update(created.id, { name: 'C', rank: 'new', stats: { m: 2, n: 1 } }),
    ).resolves.toMatchObject({
      name: 'C',
    });
    await expect(repo.update(created.id, { stats: null })).rejects.toMatchObject({
      errors: [{ path: 'stats', rule: 'readOnly' }],
    });
    await expect(repo.update(created.id, { rank: 'gold' })).rejects.toMatchObject({
      errors: [{ path: 'rank', rule: 'readOnly' }],
    });
    const system = kernel.data<Record<string, unknown>>('customer', { actor: SYSTEM_ACTOR });
    await expect(system.update(created.id, { rank: 'gold' })).resolves.toMatchObject({ rank: 'gold' });
  });

  it('lets hooks ask for permissions and schemas through the write context', async () => {
    const seen: unknown[] = [];
    const probe = definePlugin({
      id: 'probe',
      version: '1',
      dependsOn: ['customers'],
      register(ctx) {
        ctx.hooks.entity('customer').validate.tapPromise('probe', async (write) => {
          seen.push(
            write.can('customer', 'delete'),
            write.can('audit', 'read'),
            Object.keys(write.schemaOf('customer').properties).includes('email'),
          );
        });
      },
    });
    const { kernel } = await bootKernel({ plugins: [customersPlugin(), probe()] });
    await kernel
      .data('customer', { actor: { id: 'v', kind: 'user', roles: ['agent'] } })
      .create({ name: 'A' });
    expect(seen).toEqual([false, false, true]);
  });
});
