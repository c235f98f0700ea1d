import { afterEach, describe, expect, it } from 'vitest';
import { SESSIONS } from '../kernel/kernel-tokens.js';
import type { Kernel } from '../kernel/kernel-types.js';
import { createMemoryVolume, type MemoryVolume, memoryStore } from '../store/memory-store.js';
import { bootKernel, customersPlugin } from '../test-support/boot.js';
import { users } from '../users/users-plugin.js';
import { SESSIONS_COLLECTION, type SessionRow } from './session-collection.js';
import { SESSION_TOKEN_PATTERN } from './session-token.js';

const TIMEOUTS = { idleMs: 30 * 60_000, absoluteMs: 8 * 3_600_000 };
const FAST_HASH = { passwordHashing: { memoryCost: 64, timeCost: 1, parallelism: 1 } };

describe('sessions', () => {
  const kernels: Kernel[] = [];
  afterEach(async () => {
    for (const kernel of kernels.splice(0)) await kernel.stop();
  });
  const boot = async (volume: MemoryVolume = createMemoryVolume()) => {
    const booted = await bootKernel({
      plugins: [customersPlugin(), users(FAST_HASH)],
      store: memoryStore({ volume }),
    });
    kernels.push(booted.kernel);
    return { ...booted, sessions: booted.kernel.resolve(SESSIONS), volume };
  };
  const rows = (volume: MemoryVolume) =>
    [...(volume.collections.get(SESSIONS_COLLECTION)?.records.values() ?? [])] as SessionRow[];

  it('issues 256-bit tokens and stores only the hash of their secret part', async () => {
    const { sessions, volume } = await boot();
    const { token, session } = await sessions.create('u-1', TIMEOUTS);
    expect(token).toMatch(SESSION_TOKEN_PATTERN);
    const [lookup, secret] = token.split('.') as [string, string];
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(session).toMatchObject({
      id: lookup,
      userId: 'u-1',
      csrfToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(JSON.stringify(rows(volume))).not.toContain(secret);
    expect(rows(volume)).toEqual([
      expect.objectContaining({
        id: lookup,
        userId: 'u-1',
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        expiresAt: '2026-03-01T17:00:00.000Z',
        idleExpiresAt: '2026-03-01T09:30:00.000Z',
      }),
    ]);
    expect(await sessions.verify(token, TIMEOUTS)).toEqual(session);
  });

  it('refuses a malformed, unknown or tampered token alike', async () => {
    const { sessions } = await boot();
    const { token } = await sessions.create('u-1', TIMEOUTS);
    const [lookup, secret] = token.split('.') as [string, string];
    const flipped = `${lookup}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of ['', 'nope', `${lookup}.`, flipped, `${'x'.repeat(16)}.${secret}`, `${token}x`]) {
      expect(await sessions.verify(bad, TIMEOUTS)).toBeUndefined();
    }
  });

  it('ends a session after the idle timeout unless it is touched, and at the absolute timeout anyway', async () => {
    const { sessions, clock } = await boot();
    const { token, session } = await sessions.create('u-1', TIMEOUTS);
    const touch = { ...TIMEOUTS, touchMs: 60_000 };
    clock.advance(29 * 60_000);
    const touched = await sessions.touch(session, touch);
    expect(touched?.lastSeenAt).toBe(clock.now());
    clock.advance(29 * 60_000);
    expect(await sessions.verify(token, TIMEOUTS)).toBeDefined();
    clock.advance(2 * 60_000);
    expect(await sessions.verify(token, TIMEOUTS)).toBeUndefined();

    const again = await sessions.create('u-1', TIMEOUTS);
    let current = again.session;
    for (let minutes = 0; minutes < 8 * 60 - 20; minutes += 20) {
      clock.advance(20 * 60_000);
      current = (await sessions.touch(current, touch)) as typeof current;
      expect(current).toBeDefined();
    }
    clock.advance(20 * 60_000);
    expect(await sessions.verify(again.token, TIMEOUTS)).toBeUndefined();
    expect(await sessions.touch(current, touch)).toBeUndefined();
  });

  it('records activity at most once per touch interval', async () => {
    const { sessions, clock, volume } = await boot();
    const { session } = await sessions.create('u-1', TIMEOUTS);
    const touch = { ...TIMEOUTS, touchMs: 60_000 };
    clock.advance(30_000);
    await sessions.touch(session, touch);
    expect(rows(volume)[0]?.version).toBe(1);
    clock.advance(30_000);
    await sessions.touch(session, touch);
    expect(rows(volume)[0]).toMatchObject({ version: 2, lastSeenAt: '2026-03-01T09:01:00.000Z' });
  });

  it('applies a shorter timeout configured after sign-in', async () => {
    const { sessions, clock } = await boot();
    const { token } = await sessions.create('u-1', TIMEOUTS);
    clock.advance(2 * 3_600_000);
    expect(await sessions.verify(token, { idleMs: 3 * 3_600_000, absoluteMs: 3_600_000 })).toBeUndefined();
  });

  it('revokes one session, all of a user but one, and sweeps ended ones', async () => {
    const { sessions, clock, volume } = await boot();
    const a = await sessions.create('u-1', TIMEOUTS);
    const b = await sessions.create('u-1', TIMEOUTS);
    const c = await sessions.create('u-1', TIMEOUTS);
    const other = await sessions.create('u-2', TIMEOUTS);
    expect(await sessions.revoke(a.token)).toBe(true);
    expect(await sessions.revoke(a.session.id)).toBe(false);
    expect(await sessions.verify(a.token, TIMEOUTS)).toBeUndefined();
    expect(await sessions.revokeUser('u-1', { except: c.session.id })).toBe(1);
    expect(await sessions.verify(b.token, TIMEOUTS)).toBeUndefined();
    expect(await sessions.verify(c.token, TIMEOUTS)).toBeDefined();
    clock.advance(31 * 60_000);
    expect(await sessions.sweep()).toBe(2);
    expect(rows(volume)).toEqual([]);
    expect(await sessions.verify(other.token, TIMEOUTS)).toBeUndefined();
  });

  it('is seen by another kernel on the same store (several server processes)', async () => {
    const volume = createMemoryVolume();
    const first = await boot(volume);
    const { token } = await first.sessions.create('u-1', TIMEOUTS);
    await first.kernel.stop();
    kernels.splice(kernels.indexOf(first.kernel), 1);
    const second = await boot(volume);
    expect(await second.sessions.verify(token, TIMEOUTS)).toMatchObject({ userId: 'u-1' });
  });

  it('keeps the session collection out of kernels without users()', async () => {
    const { kernel } = await bootKernel();
    kernels.push(kernel);
    expect(kernel.storeSchema.collections.map((c) => c.name)).not.toContain(SESSIONS_COLLECTION);
    expect(kernel.jobs.list().map((job) => job.id)).not.toContain('kernel.sessionSweep');
    const { kernel: withUsers } = await boot();
    expect(withUsers.storeSchema.collections.map((c) => c.name)).toContain(SESSIONS_COLLECTION);
    expect(withUsers.jobs.list().map((job) => job.id)).toContain('kernel.sessionSweep');
  });
});
