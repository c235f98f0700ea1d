import { describe, expect, it } from 'vitest';
import { defineEntity } from '../entities/define-entity.js';
import { BootError, FieldForbiddenError } from '../errors.js';
import { definePlugin } from '../plugins/define-plugin.js';
import { bootKernel } from '../test-support/boot.js';
import type { Actor } from './actor.js';
import { SYSTEM_ACTOR } from './actor.js';

const Lead = defineEntity<{
  name: string;
  phone?: string;
  email?: string;
  probability?: number;
  profile?: { city?: string; birthYear?: number };
}>({
  name: 'lead',
  plural: 'leads',
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string', maxLength: 100 },
      phone: { type: 'string', maxLength: 30 },
      email: { type: 'string', maxLength: 100 },
      probability: { type: 'integer', minimum: 0, maximum: 100, default: 10 },
      profile: {
        type: 'object',
        properties: { city: { type: 'string' }, birthYear: { type: 'integer' } },
        additionalProperties: false,
      },
    },
    required: ['name'],
  },
});

/** Leads, a `clerk` role that writes them, and the field rules of the plugin. */
const leads = definePlugin({
  id: 'leads',
  version: '1.0.0',
  register(ctx) {
    ctx.entities.define(Lead);
    ctx.access.grant('clerk', ['lead:read', 'lead:create', 'lead:update']);
    ctx.access.fields('viewer', { lead: { hidden: ['phone', 'email', 'profile.birthYear'] } });
    ctx.access.fields('clerk', { lead: { readOnly: ['probability'], hidden: ['profile.birthYear'] } });
  },
});

const viewer: Actor = { id: 'v', kind: 'user', roles: ['viewer'] };
const clerk: Actor = { id: 'c', kind: 'user', roles: ['clerk'] };
const manager: Actor = { id: 'm', kind: 'user', roles: ['manager'] };

async function boot() {
  const { kernel } = await bootKernel({ plugins: [leads()] });
  const ada = await kernel.data('lead', { actor: SYSTEM_ACTOR }).create({
    name: 'Ada',
    phone: '+4930123',
    email: 'ada@example.com',
    probability: 40,
    profile: { city: 'Berlin', birthYear: 1990 },
  });
  return { kernel, ada };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('field rules: reads', () => {
  it('leave hidden fields, nested ones too, out of get, getJson, find and the write answers', async () => {
    const { kernel, ada } = await boot();
    const repo = kernel.data('lead', { actor: viewer });
    const seen = { id: ada.id, name: 'Ada', probability: 40, profile: { city: 'Berlin' } };
    expect(await repo.get(ada.id)).toMatchObject(seen);
    expect(await repo.get(ada.id)).not.toHaveProperty('phone');
    expect(await repo.get(ada.id)).not.toHaveProperty('email');
    expect(JSON.parse((await repo.getJson(ada.id)).json)).toEqual({
      ...ada,
      phone: undefined,
      email: undefined,
      profile: { city: 'Berlin' },
    });
    const page = await repo.find({});
    expect(page.items[0]).not.toHaveProperty('phone');
    expect(page.items[0]?.profile).toEqual({ city: 'Berlin' });
    // The projection of an object holding a hidden field is redacted, not refused.
    expect((await repo.find({ fields: ['profile'] })).items[0]).toEqual({
      id: ada.id,
      profile: { city: 'Berlin' },
    });
    // Managers and the system see everything; the stored record is untouched.
    expect(await kernel.data('lead', { actor: manager }).get(ada.id)).toMatchObject({ phone: '+4930123' });
    expect(await kernel.data('lead', { actor: SYSTEM_ACTOR }).get(ada.id)).toEqual(ada);
    // What other paths (the webhooks plugin) redact a record read as the system with.
    const redacted = kernel.access.redact(viewer, 'lead', ada);
    expect(redacted).toEqual({ ...seen, createdAt: ada.createdAt, updatedAt: ada.updatedAt, version: 1 });
    expect(ada.phone).toBe('+4930123');
    expect(kernel.access.redact(manager, 'lead', ada)).toBe(ada);
    // A clerk's update answer leaves out what the clerk may not see.
    const changed = await kernel.data('lead', { actor: clerk }).update(ada.id, { name: 'Ada L.' });
    expect(changed.profile).toEqual({ city: 'Berlin' });
    expect(changed.phone).toBe('+4930123');
  });

  it.each([
    ['where', (r: Repo) => r.find({ where: { phone: '+4930123' } }), 'where', 'phone'],
    [
      'where, nested in or/not',
      (r: Repo) => r.find({ where: { or: [{ name: 'x' }, { not: { email: { exists: true } } }] } }),
      'where',
      'email',
    ],
    [
      'where on an object holding a hidden field',
      (r: Repo) => r.find({ where: { 'profile.birthYear': { gt: 1980 } } }),
      'where',
      'profile.birthYear',
    ],
    ['sort', (r: Repo) => r.find({ sort: ['-phone'] }), 'sort', 'phone'],
    ['sort on the object holding one', (r: Repo) => r.find({ sort: ['profile'] }), 'sort', 'profile'],
    ['fields', (r: Repo) => r.find({ fields: ['name', 'email'] }), 'fields', 'email'],
    ['count', (r: Repo) => r.count({ email: { contains: '@' } }), 'where', 'email'],
    [
      'aggregate where',
      (r: Repo) => r.aggregate({ where: { phone: { startsWith: '+49' } }, measures: { n: 'count' } }),
      'where',
      'phone',
    ],
    [
      'aggregate groupBy',
      (r: Repo) => r.aggregate({ groupBy: ['email'], measures: { n: 'count' } }),
      'groupBy',
      'email',
    ],
    [
      'aggregate measure',
      (r: Repo) => r.aggregate({ measures: { oldest: 'min:profile.birthYear' } }),
      'measures.oldest',
      'profile.birthYear',
    ],
  ])('refuse a %s on a hidden field with FIELD_FORBIDDEN naming it', async (_, run, at, field) => {
    const { kernel } = await boot();
    const error = (await refusal(run(kernel.data('lead', { actor: viewer })))) as FieldForbiddenError;
    expect(error).toBeInstanceOf(FieldForbiddenError);
    expect(error.code).toBe('FIELD_FORBIDDEN');
    expect(error.details).toMatchObject({ entity: 'lead', field, rule: 'hidden', at });
    expect(error.message).toContain(`'${field}'`);
    // The same query is answered for a manager.
    await expect(run(kernel.data('lead', { actor: manager }))).resolves.toBeDefined();
  });

  it('answer queries on visible fields, and aggregates that group by them', async () => {
    const { kernel } = await boot();
    const repo = kernel.data('lead', { actor: viewer });
    expect((await repo.find({ where: { 'profile.city': 'Berlin' }, sort: ['name'] })).items).toHaveLength(1);
    expect(
      await repo.aggregate({ groupBy: ['profile.city'], measures: { n: 'count', p: 'avg:probability' } }),
    ).toEqual([{ 'profile.city': 'Berlin', n: 1, p: 40 }]);
  });

  it('redact the audit trail: a hidden value shows only that it changed', async () => {
    const auditor: Actor = { id: 'a', kind: 'user', roles: ['viewer', 'auditor'] };
    const { kernel: k2 } = await bootKernel({
      plugins: [leads()],
      access: { roles: { auditor: ['audit:read'] } },
    });
    const created = await k2
      .data('lead', { actor: SYSTEM_ACTOR })
      .create({ name: 'B', phone: '+1', profile: { city: 'Rome', birthYear: 1970 } });
    const [entry] = (await k2.audit({ where: { recordId: created.id } }, { actor: auditor })).items;
    expect(entry?.changes.phone).toEqual({ from: null, to: '[redacted]' });
    expect(entry?.changes.profile).toEqual({ from: null, to: { city: 'Rome' } });
    expect(entry?.changes.name).toEqual({ from: null, to: 'B' });
    // A projection without the entity is redacted all the same, and answered as asked.
    const [projected] = (
      await k2.audit({ where: { recordId: created.id }, fields: ['changes'] }, { actor: auditor })
    ).items;
    expect(projected).toEqual({ id: entry?.id, changes: entry?.changes });
  });
});

type Repo = ReturnType<Awaited<ReturnType<typeof boot>>['kernel']['data']>;

describe('field rules: writes', () => {
  it('refuse a read-only field unless it is left as it is, and let a manager change it', async () => {
    const { kernel, ada } = await boot();
    const repo = kernel.data('lead', { actor: clerk });
    const error = (await refusal(repo.update(ada.id, { probability: 90 }))) as FieldForbiddenError;
    expect(error.code).toBe('FIELD_FORBIDDEN');
    expect(error.details).toMatchObject({
      entity: 'lead',
      field: 'probability',
      rule: 'readOnly',
      fields: ['probability'],
    });
    expect(error.message).toContain("'probability' (read-only)");
    // Sending the current value back (a read-modify-write) is a no-op, not a refusal.
    await expect(repo.update(ada.id, { probability: 40, name: 'Ada' })).resolves.toMatchObject({
      probability: 40,
    });
    // A create may give the default only.
    await expect(repo.create({ name: 'C', probability: 10 })).resolves.toMatchObject({ probability: 10 });
    await expect(repo.create({ name: 'C', probability: 70 })).rejects.toMatchObject({
      code: 'FIELD_FORBIDDEN',
    });
    await expect(
      kernel.data('lead', { actor: manager }).update(ada.id, { probability: 90 }),
    ).resolves.toMatchObject({ probability: 90 });
  });

  it('refuse any write reaching a hidden field, whatever it holds, listing every field', async () => {
    const { kernel, ada } = await boot();
    const repo = kernel.data('lead', { actor: clerk });
    for (const patch of [
      { profile: { birthYear: 1990 } },
      { profile: null },
      { profile: { birthYear: null } },
    ]) {
      await expect(repo.update(ada.id, patch as never)).rejects.toMatchObject({
        code: 'FIELD_FORBIDDEN',
        details: { field: 'profile.birthYear', rule: 'hidden' },
      });
    }
    // A patch of the visible part of the object merges beside the hidden field, which is kept.
    await repo.update(ada.id, { profile: { city: 'Paris' } });
    expect((await kernel.data('lead', { actor: SYSTEM_ACTOR }).get(ada.id)).profile).toEqual({
      city: 'Paris',
      birthYear: 1990,
    });
    const both = (await refusal(
      repo.create({ name: 'D', probability: 50, profile: { birthYear: 2000 } }),
    )) as FieldForbiddenError;
    expect(both.details.fields).toEqual(['profile.birthYear', 'probability']);
  });
});

describe('field rules: roles together', () => {
  it('hide a field only when every role that reads the entity hides it', async () => {
    const { kernel, ada } = await boot();
    const both: Actor = { id: 'b', kind: 'user', roles: ['viewer', 'clerk'] };
    const record = await kernel.data('lead', { actor: both }).get(ada.id);
    // The clerk role shows phone and e-mail; both roles hide the birth year.
    expect(record).toMatchObject({
      phone: '+4930123',
      email: 'ada@example.com',
      profile: { city: 'Berlin' },
    });
    expect(record.profile).not.toHaveProperty('birthYear');
    expect(kernel.access.fieldsFor(both, 'lead')?.hidden).toEqual(['profile.birthYear']);
    // A role that cannot read leads does not widen what a viewer sees.
    const { kernel: k2 } = await bootKernel({
      plugins: [leads()],
      access: { roles: { mailer: ['message:read'] } },
    });
    expect(
      k2.access.fieldsFor({ id: 'x', kind: 'user', roles: ['viewer', 'mailer'] }, 'lead')?.hidden,
    ).toEqual(['phone', 'email', 'profile.birthYear']);
    expect(k2.access.fieldsFor(manager, 'lead')).toBeUndefined();
    expect(k2.access.fieldsFor(SYSTEM_ACTOR, 'lead')).toBeUndefined();
  });

  it('take rules from the kernel config beside the plugins', async () => {
    const { kernel } = await bootKernel({
      plugins: [leads()],
      access: { fields: { manager: { lead: { hidden: ['name'] } } } },
    });
    const ada = await kernel.data('lead', { actor: SYSTEM_ACTOR }).create({ name: 'E' });
    expect(await kernel.data('lead', { actor: manager }).get(ada.id)).not.toHaveProperty('name');
  });

  it('are boot errors when they name an unknown role, entity or field, or a system field', async () => {
    const bad = definePlugin({
      id: 'bad',
      version: '1.0.0',
      dependsOn: ['leads'],
      register(ctx) {
        ctx.access.fields('viewer', { lead: { hidden: ['nope', 'id'] }, ghost: { hidden: ['x'] } });
        ctx.access.fields('nobody', { lead: { readOnly: ['name'] } });
      },
    });
    const error = (await refusal(bootKernel({ plugins: [leads(), bad()] }))) as BootError;
    expect(error).toBeInstanceOf(BootError);
    const messages = error.failures.map((failure) => `${failure.plugin}: ${failure.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "bad: field rule of role 'viewer' on 'lead': hidden 'nope' is not a field of 'lead'",
        "bad: field rule of role 'viewer' on 'lead': hidden 'id' is a system field, which every caller sees and none writes",
        "bad: field rule of role 'viewer' on 'ghost': there is no entity 'ghost'",
        "bad: field rule of role 'nobody' on 'lead': no plugin or config grants role 'nobody' anything",
      ]),
    );
    const malformed = definePlugin({
      id: 'malformed',
      version: '1.0.0',
      register(ctx) {
        ctx.access.fields('viewer', { lead: { hidden: 'phone' as never } });
      },
    });
    await expect(bootKernel({ plugins: [leads(), malformed()] })).rejects.toThrow(
      "field rule of role 'viewer' on 'lead': hidden must be an array of field paths such as ['phone']",
    );
  });
});
