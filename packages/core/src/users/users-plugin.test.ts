import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Actor, SYSTEM_ACTOR } from '../access/actor.js';
import { SESSIONS } from '../kernel/kernel-tokens.js';
import type { Kernel } from '../kernel/kernel-types.js';
import { definePlugin } from '../plugins/define-plugin.js';
import { createMemoryVolume, type MemoryVolume, memoryStore } from '../store/memory-store.js';
import { bootKernel, customersPlugin } from '../test-support/boot.js';
import { PasswordHasher } from './password-hashing.js';
import type { UserAccounts } from './user-accounts.js';
import { USER_ENTITY } from './user-entity.js';
import { USERS, users } from './users-plugin.js';

const FAST_HASH = { memoryCost: 64, timeCost: 1, parallelism: 1 };
const TIMEOUTS = { idleMs: 30 * 60_000, absoluteMs: 8 * 3_600_000 };
const PASSWORD = 'a long enough passphrase';

/** A role that may manage users and read customers, but is no admin. */
const peopleDesk = definePlugin({
  id: 'peopleDesk',
  version: '1.0.0',
  register(ctx) {
    ctx.access.grant('userAdmin', ['user:*', 'customer:read']);
    ctx.access.grant('customerReader', ['customer:read']);
  },
});

describe('users', () => {
  const kernels: Kernel[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const kernel of kernels.splice(0)) await kernel.stop();
  });
  const boot = async (
    options: { hashing?: typeof FAST_HASH; volume?: MemoryVolume; timeZone?: string } = {},
  ) => {
    const booted = await bootKernel({
      plugins: [customersPlugin(), users({ passwordHashing: options.hashing ?? FAST_HASH }), peopleDesk()],
      store: memoryStore({ volume: options.volume ?? createMemoryVolume() }),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    });
    kernels.push(booted.kernel);
    const accounts: UserAccounts = booted.kernel.resolve(USERS);
    const add = (email: string, roles: string[], extra: Record<string, unknown> = {}) =>
      accounts.create(
        { name: email.split('@')[0] as string, email, roles, password: PASSWORD, ...extra },
        {
          actor: SYSTEM_ACTOR,
        },
      );
    return { ...booted, accounts, add };
  };

  it('creates a user with a generated argon2id password, shown once and never stored in plain', async () => {
    const { accounts, kernel } = await boot({ timeZone: 'Europe/Berlin' });
    const { user, password } = await accounts.create(
      { name: 'Ada Lovelace', email: 'Ada@Example.com', roles: ['viewer'] },
      { actor: SYSTEM_ACTOR },
    );
    expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    expect(user).toMatchObject({
      email: 'Ada@Example.com',
      emailKey: 'ada@example.com',
      language: 'en',
      timeZone: 'Europe/Berlin',
      active: true,
      passwordChangedAt: '2026-03-01T09:00:00.000Z',
      passwordHash: expect.stringMatching(/^\$argon2id\$v=19\$m=64,t=1,p=1\$/),
    });
    expect(JSON.stringify(user)).not.toContain(password);
    const audit = await kernel.audit({ where: { entity: USER_ENTITY } }, { actor: SYSTEM_ACTOR });
    expect(JSON.stringify(audit)).not.toContain(user.passwordHash);
    expect(await accounts.checkCredentials('ada@example.com', password as string)).toMatchObject({
      id: user.id,
    });
  });

  it('hashes with the OWASP parameters by default', async () => {
    const { accounts } = await boot({ hashing: { memoryCost: 19_456, timeCost: 2, parallelism: 1 } });
    const { user } = await accounts.create(
      { name: 'A', email: 'a@example.com', roles: [] },
      { actor: SYSTEM_ACTOR },
    );
    expect(user.passwordHash).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
  });

  it('keeps e-mail addresses unique whatever their case', async () => {
    const { add } = await boot();
    const { user } = await add('ada@example.com', ['viewer']);
    await expect(add(' ADA@example.COM'.trim(), ['viewer'])).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { kind: 'unique', field: 'email', existingId: user.id },
    });
  });

  it('refuses unknown roles, unknown zones, weak passwords, and hashes or keys written by callers', async () => {
    const { accounts, add, kernel } = await boot();
    await expect(add('a@example.com', ['wizard'])).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ path: 'roles', rule: 'role' })],
    });
    await expect(add('a@example.com', [], { timeZone: 'Mars/Olympus' })).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'timeZone' })],
    });
    await expect(add('a@example.com', [], { password: 'short' })).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'password', rule: 'minLength' })],
    });
    await expect(add('a@example.com', [], { password: 'a@example.com' })).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'password', rule: 'weak' })],
    });
    await expect(add('a@example.com', [], { passwordHash: 'x' })).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'passwordHash', rule: 'readOnly' })],
    });
    const repo = kernel.data(USER_ENTITY, { actor: SYSTEM_ACTOR });
    await expect(
      repo.create({ name: 'A', email: 'a@example.com', roles: [], passwordHash: 'plain text' }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ path: 'passwordHash', rule: 'format' })] });
    await expect(add('not an address', [])).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'email', rule: 'format' })],
    });
    expect(await accounts.find({}, { actor: SYSTEM_ACTOR })).toMatchObject({ items: [] });
  });

  it('lets nobody hand out more than they hold, deactivate or delete themselves', async () => {
    const { accounts, add } = await boot();
    const { user: desk } = await add('desk@example.com', ['userAdmin']);
    const deskActor: Actor = { id: desk.id, kind: 'user', roles: ['userAdmin'] };
    await expect(add('x@example.com', ['admin']).then(() => 'ok')).resolves.toBe('ok');
    await expect(
      accounts.create(
        { name: 'B', email: 'b@example.com', roles: ['admin'], password: PASSWORD },
        { actor: deskActor },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', details: { permission: '*:*' } });
    const { user: reader } = await accounts.create(
      { name: 'C', email: 'c@example.com', roles: ['customerReader'], password: PASSWORD },
      { actor: deskActor },
    );
    await expect(
      accounts.update(reader.id, { roles: ['customerReader', 'manager'] }, { actor: deskActor }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(accounts.update(desk.id, { active: false }, { actor: deskActor })).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'active', rule: 'self' })],
    });
    await expect(accounts.delete(desk.id, { actor: deskActor })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await accounts.update(reader.id, { active: false, team: 'north' }, { actor: deskActor });
    await accounts.delete(reader.id, { actor: deskActor });
  });

  it('lets nobody hand out roles that show fields their own field rules hide', async () => {
    const booted = await bootKernel({
      plugins: [customersPlugin(), users({ passwordHashing: FAST_HASH }), peopleDesk()],
      access: {
        roles: { teamLead: ['customer:read'] },
        fields: {
          userAdmin: { customer: { hidden: ['email'] } },
          teamLead: { customer: { hidden: ['email', 'team'] } },
        },
      },
    });
    kernels.push(booted.kernel);
    const accounts = booted.kernel.resolve(USERS);
    const desk: Actor = { id: 'desk', kind: 'user', roles: ['userAdmin'] };
    const create = (roles: string[]) =>
      accounts.create(
        { name: 'D', email: `${roles.join('-')}@example.com`, roles, password: PASSWORD },
        { actor: desk },
      );
    // customerReader grants nothing the desk lacks, but shows the e-mail the desk may not see.
    await expect(create(['customerReader'])).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { field: 'customer.email' },
      message: expect.stringContaining('customer.email, which your roles keep from you'),
    });
    // A role hiding at least as much may be given.
    await expect(create(['teamLead']).then(() => 'ok')).resolves.toBe('ok');
    // The system (and admins, who have no field rule) give anything.
    await expect(
      accounts
        .create(
          { name: 'E', email: 'e@example.com', roles: ['customerReader'], password: PASSWORD },
          { actor: SYSTEM_ACTOR },
        )
        .then(() => 'ok'),
    ).resolves.toBe('ok');
  });

  it('reads the directory with user:read (managers, agents, viewers), writes it with explicit grants only', async () => {
    const { accounts, add } = await boot();
    await add('a@example.com', ['viewer']);
    for (const role of ['manager', 'agent', 'viewer']) {
      const actor: Actor = { id: role, kind: 'user', roles: [role] };
      expect((await accounts.find({}, { actor })).items).toHaveLength(1);
    }
    const manager: Actor = { id: 'm', kind: 'user', roles: ['manager'] };
    await expect(
      accounts.create({ name: 'X', email: 'x@example.com', roles: [] }, { actor: manager }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', details: { permission: 'user:create' } });
    const reader: Actor = { id: 'r', kind: 'user', roles: ['customerReader'] };
    await expect(accounts.find({}, { actor: reader })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('checks credentials with the same work for every refusal', async () => {
    const { accounts, add } = await boot();
    await add('ada@example.com', ['viewer']);
    await add('gone@example.com', ['viewer'], { active: false });
    await accounts.create(
      { name: 'N', email: 'none@example.com', roles: [], password: false },
      { actor: SYSTEM_ACTOR },
    );
    const verify = vi.spyOn(PasswordHasher.prototype, 'verify');
    const cases: Array<[string, string]> = [
      ['ada@example.com', 'wrong password here'],
      ['nobody@example.com', PASSWORD],
      ['gone@example.com', PASSWORD],
      ['none@example.com', PASSWORD],
      ['ada@example.com', `${PASSWORD}${'x'.repeat(300)}`],
    ];
    for (const [email, password] of cases) {
      verify.mockClear();
      expect(await accounts.checkCredentials(email, password)).toBeUndefined();
      expect(verify).toHaveBeenCalledTimes(1);
    }
    const user = await accounts.checkCredentials('ADA@example.com', PASSWORD);
    expect(user).toMatchObject({ email: 'ada@example.com', lastSignInAt: '2026-03-01T09:00:00.000Z' });
  });

  it('upgrades a hash made with older parameters at the next sign-in', async () => {
    const volume = createMemoryVolume();
    const first = await boot({ volume });
    await first.add('ada@example.com', ['viewer']);
    await first.kernel.stop();
    kernels.splice(0);
    const second = await boot({ volume, hashing: { memoryCost: 128, timeCost: 2, parallelism: 1 } });
    const user = await second.accounts.checkCredentials('ada@example.com', PASSWORD);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=128,t=2,p=1\$/);
    expect(await second.accounts.checkCredentials('ada@example.com', PASSWORD)).toBeDefined();
  });

  it('signs in and resolves sessions as the user, with their team for record rules', async () => {
    const { accounts, add, clock } = await boot();
    const { user } = await add('ada@example.com', ['viewer'], { team: 'north' });
    expect(await accounts.signIn('ada@example.com', 'wrong password here', TIMEOUTS)).toBeUndefined();
    const signedIn = await accounts.signIn('ada@example.com', PASSWORD, TIMEOUTS);
    const resolved = await accounts.resolveSession(signedIn?.token as string, TIMEOUTS);
    expect(resolved?.actor).toEqual({
      id: user.id,
      kind: 'user',
      roles: ['viewer'],
      attributes: { team: 'north' },
    });
    clock.advance(TIMEOUTS.idleMs);
    expect(await accounts.resolveSession(signedIn?.token as string, TIMEOUTS)).toBeUndefined();
  });

  it('ends every session of a user who is deactivated, gets a new password or is deleted', async () => {
    const { accounts, add, kernel } = await boot();
    const sessions = kernel.resolve(SESSIONS);
    const { user } = await add('ada@example.com', ['viewer']);
    const open = () => sessions.create(user.id, TIMEOUTS).then((issued) => issued.token);
    const live = async (token: string) => (await accounts.resolveSession(token, TIMEOUTS)) !== undefined;

    let token = await open();
    await accounts.update(user.id, { team: 'north' }, { actor: SYSTEM_ACTOR });
    expect(await live(token)).toBe(true);
    const reset = await accounts.setPassword(user.id, undefined, { actor: SYSTEM_ACTOR });
    expect(reset.password).toBeDefined();
    expect(await live(token)).toBe(false);

    token = await open();
    await accounts.update(user.id, { active: false }, { actor: SYSTEM_ACTOR });
    expect(await live(token)).toBe(false);
    expect(await accounts.checkCredentials('ada@example.com', reset.password as string)).toBeUndefined();
    await accounts.update(user.id, { active: true }, { actor: SYSTEM_ACTOR });

    token = await open();
    await accounts.delete(user.id, { actor: SYSTEM_ACTOR });
    expect(await live(token)).toBe(false);
  });

  it('lets a user change their own password after giving the current one', async () => {
    const { accounts, add } = await boot();
    const { user } = await add('ada@example.com', ['viewer']);
    expect(
      await accounts.changeOwnPassword(user.id, 'not the password', 'a brand new passphrase'),
    ).toBeUndefined();
    await expect(accounts.changeOwnPassword(user.id, PASSWORD, PASSWORD)).rejects.toMatchObject({
      errors: [expect.objectContaining({ rule: 'unchanged' })],
    });
    await expect(accounts.changeOwnPassword(user.id, PASSWORD, 'short')).rejects.toMatchObject({
      errors: [expect.objectContaining({ rule: 'minLength' })],
    });
    expect(await accounts.changeOwnPassword(user.id, PASSWORD, 'a brand new passphrase')).toMatchObject({
      id: user.id,
    });
    expect(await accounts.checkCredentials('ada@example.com', 'a brand new passphrase')).toBeDefined();
    expect(await accounts.checkCredentials('ada@example.com', PASSWORD)).toBeUndefined();
  });

  it('finds users by id or e-mail address', async () => {
    const { accounts, add } = await boot();
    const { user } = await add('ada@example.com', ['viewer']);
    expect((await accounts.resolve('ADA@EXAMPLE.COM', { actor: SYSTEM_ACTOR })).id).toBe(user.id);
    expect((await accounts.resolve(user.id, { actor: SYSTEM_ACTOR })).id).toBe(user.id);
    await expect(accounts.resolve('nobody@example.com', { actor: SYSTEM_ACTOR })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('keeps password hashes out of entity events', async () => {
    const seen: unknown[] = [];
    const listener = definePlugin({
      id: 'listener',
      version: '1.0.0',
      register(ctx) {
        ctx.events.on('entity.created', async (event) => {
          seen.push(event.payload);
        });
      },
    });
    const { kernel } = await bootKernel({ plugins: [users({ passwordHashing: FAST_HASH }), listener()] });
    kernels.push(kernel);
    await kernel
      .resolve(USERS)
      .create({ name: 'A', email: 'a@example.com', roles: [], password: PASSWORD }, { actor: SYSTEM_ACTOR });
    await kernel.events.drain();
    expect(seen).toHaveLength(1);
    expect(JSON.stringify(seen)).not.toContain('argon2');
  });

  it('refuses unusable hashing parameters at boot', async () => {
    await expect(
      bootKernel({ plugins: [users({ passwordHashing: { memoryCost: 4, timeCost: 0, parallelism: 1 } })] }),
    ).rejects.toMatchObject({
      code: 'BOOT_FAILED',
      message: expect.stringContaining('passwordHashing.memoryCost'),
    });
  });
});
