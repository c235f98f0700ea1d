import { afterEach, describe, expect, it, vi } from 'vitest';
import { LINKS, SERVER_SECRET } from '../kernel/kernel-tokens.js';
import type { Kernel, KernelConfig } from '../kernel/kernel-types.js';
import { definePlugin } from '../plugins/define-plugin.js';
import { createMemoryVolume, type MemoryVolume, memoryStore } from '../store/memory-store.js';
import { bootKernel, customersPlugin } from '../test-support/boot.js';
import type { ManualClock } from '../util/clock.js';
import { LINKS_COLLECTION, type LinkRow } from './link-collection.js';
import { LINK_TOKEN_PATTERN } from './link-token-format.js';

const SECRET_A = `${'a'.repeat(16)}Q9vxT3kLm0pZr8Wd`;
const SECRET_B = `${'b'.repeat(16)}Hj2Ks9Lq4Nv7Xc1Z`;

const surveys = definePlugin({
  id: 'surveys',
  version: '1.0.0',
  register(ctx) {
    ctx.links.purpose('surveys.rate', { use: 'single', ttl: '7d' });
    ctx.links.purpose('surveys.progress', { use: 'reusable', ttl: '30d' });
  },
});

describe('link tokens', () => {
  const kernels: Kernel[] = [];
  afterEach(async () => {
    for (const kernel of kernels.splice(0)) await kernel.stop();
  });
  const boot = async (
    config: Partial<KernelConfig> = {},
    volume: MemoryVolume = createMemoryVolume(),
  ): Promise<{ kernel: Kernel; clock: ManualClock; volume: MemoryVolume }> => {
    const booted = await bootKernel({
      plugins: [customersPlugin(), surveys()],
      store: memoryStore({ volume }),
      ...config,
    });
    kernels.push(booted.kernel);
    return { ...booted, volume };
  };
  const rows = (volume: MemoryVolume) =>
    [...(volume.collections.get(LINKS_COLLECTION)?.records.values() ?? [])] as LinkRow[];

  it('issues URL-safe tokens with 192 random bits and stores only their HMAC', async () => {
    const { kernel, volume } = await boot();
    const links = kernel.resolve(LINKS);
    const issued = await links.issue({ purpose: 'surveys.rate', recordId: 'ticket-1' });
    expect(issued.token).toMatch(LINK_TOKEN_PATTERN);
    expect(encodeURIComponent(issued.token)).toBe(issued.token);
    expect(issued).toMatchObject({
      purpose: 'surveys.rate',
      recordId: 'ticket-1',
      use: 'single',
      expiresAt: '2026-03-08T09:00:00.000Z',
    });
    const [kid, lookup, secret] = issued.token.split('.') as [string, string, string];
    expect(Buffer.from(secret, 'base64url')).toHaveLength(24);
    const stored = JSON.stringify(rows(volume));
    expect(stored).not.toContain(secret);
    expect(rows(volume)).toEqual([
      expect.objectContaining({ id: lookup, kid, hash: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) }),
    ]);
    const second = await links.issue({ purpose: 'surveys.rate', recordId: 'ticket-1' });
    expect(second.token).not.toBe(issued.token);
  });

  it('grants a valid token and refuses every other kind of token alike', async () => {
    const { kernel, clock } = await boot();
    const links = kernel.resolve(LINKS);
    const rate = (recordId = 'ticket-1') => links.issue({ purpose: 'surveys.rate', recordId });
    const valid = await rate();
    const grant = await links.verify(valid.token, { purpose: 'surveys.rate', recordId: 'ticket-1' });
    expect(grant).toMatchObject({
      id: valid.id,
      purpose: 'surveys.rate',
      recordId: 'ticket-1',
      actor: { id: `link:${valid.id}`, kind: 'system' },
    });
    const used = await rate();
    await links.consume(used.token, { purpose: 'surveys.rate' });
    const revoked = await rate();
    await links.revoke(revoked.token);
    const expired = await links.issue({ purpose: 'surveys.rate', recordId: 'ticket-1', ttl: '1h' });
    clock.advance(3_600_000);
    const [kid, lookup, secret] = valid.token.split('.') as [string, string, string];
    const flipped = `${kid}.${lookup}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const refused = {
      used: [used.token, 'surveys.rate'],
      revoked: [revoked.token, 'surveys.rate'],
      expired: [expired.token, 'surveys.rate'],
      unknown: [`${kid}.AAAAAAAAAAAA.${secret}`, 'surveys.rate'],
      'wrong secret': [flipped, 'surveys.rate'],
      'unknown key id': [`zz9.${lookup}.${secret}`, 'surveys.rate'],
      malformed: ['not-a-token', 'surveys.rate'],
      'other purpose': [valid.token, 'surveys.progress'],
    } as const;
    for (const [why, [token, purpose]] of Object.entries(refused)) {
      expect(await links.verify(token, { purpose }), why).toBeUndefined();
      expect(await links.consume(token, { purpose }), why).toBeUndefined();
    }
    expect(
      await links.verify(valid.token, { purpose: 'surveys.rate', recordId: 'ticket-2' }),
    ).toBeUndefined();
    expect(await links.verify(valid.token, { purpose: 'surveys.rate' })).toBeDefined();
  });

  it('does the same work for every refusal: one read and one MAC', async () => {
    const { kernel, clock } = await boot();
    const links = kernel.resolve(LINKS);
    const secret = kernel.resolve(SERVER_SECRET);
    const valid = await links.issue({ purpose: 'surveys.rate', recordId: 'r1' });
    const expired = await links.issue({ purpose: 'surveys.rate', recordId: 'r1', ttl: '1m' });
    clock.advance(60_000);
    const [kid, , part] = valid.token.split('.') as [string, string, string];
    const mac = vi.spyOn(secret, 'hmac');
    const read = vi.spyOn(kernel.store, 'transaction');
    const cost = async (token: string, recordId?: string) => {
      mac.mockClear();
      read.mockClear();
      await links.verify(token, { purpose: 'surveys.rate', ...(recordId ? { recordId } : {}) });
      return { macs: mac.mock.calls.length, reads: read.mock.calls.length };
    };
    const known = await cost(valid.token);
    expect(known).toEqual({ macs: 1, reads: 1 });
    expect(await cost(`${kid}.BBBBBBBBBBBB.${part}`)).toEqual(known);
    expect(await cost(expired.token)).toEqual(known);
    expect(await cost(valid.token, 'r2')).toEqual(known);
    mac.mockRestore();
    read.mockRestore();
  });

  it('lets exactly one of 20 concurrent uses of a single-use token through', async () => {
    const { kernel } = await boot();
    const links = kernel.resolve(LINKS);
    const { token } = await links.issue({ purpose: 'surveys.rate', recordId: 't' });
    const grants = await Promise.all(
      Array.from({ length: 20 }, () => links.consume(token, { purpose: 'surveys.rate' })),
    );
    expect(grants.filter(Boolean)).toHaveLength(1);
  });

  it('keeps a reusable token working until it expires', async () => {
    const { kernel, clock } = await boot();
    const links = kernel.resolve(LINKS);
    const { token } = await links.issue({ purpose: 'surveys.progress', recordId: 'repair-1' });
    for (let i = 0; i < 3; i += 1) {
      expect(await links.consume(token, { purpose: 'surveys.progress' })).toBeDefined();
    }
    clock.advance(30 * 86_400_000);
    expect(await links.consume(token, { purpose: 'surveys.progress' })).toBeUndefined();
  });

  it('rolls a use back with the write it authorised', async () => {
    const { kernel } = await boot();
    const links = kernel.resolve(LINKS);
    const { token } = await links.issue({ purpose: 'surveys.rate', recordId: 't' });
    await expect(
      kernel.transaction(async () => {
        expect(await links.consume(token, { purpose: 'surveys.rate' })).toBeDefined();
        throw new Error('the rating could not be stored');
      }),
    ).rejects.toThrow('the rating could not be stored');
    expect(await links.consume(token, { purpose: 'surveys.rate' })).toBeDefined();
  });

  it('revokes one link, or every link of a purpose and record', async () => {
    const { kernel } = await boot();
    const links = kernel.resolve(LINKS);
    const a = await links.issue({ purpose: 'surveys.progress', recordId: 'r1' });
    const b = await links.issue({ purpose: 'surveys.progress', recordId: 'r1' });
    const other = await links.issue({ purpose: 'surveys.progress', recordId: 'r2' });
    const rating = await links.issue({ purpose: 'surveys.rate', recordId: 'r1' });
    expect(await links.revokeAll({ purpose: 'surveys.progress', recordId: 'r1' })).toBe(2);
    expect(await links.revokeAll({ purpose: 'surveys.progress', recordId: 'r1' })).toBe(0);
    for (const token of [a.token, b.token]) {
      expect(await links.verify(token, { purpose: 'surveys.progress' })).toBeUndefined();
    }
    expect(await links.verify(other.token, { purpose: 'surveys.progress' })).toBeDefined();
    expect(await links.verify(rating.token, { purpose: 'surveys.rate' })).toBeDefined();
    expect(await links.revoke(rating.id)).toBe(true);
    expect(await links.revoke(rating.id)).toBe(false);
    expect(await links.revoke('nothing-here')).toBe(false);
  });

  it('refuses undeclared purposes, a ttl above the purpose’s and a missing record id', async () => {
    const { kernel } = await boot();
    const links = kernel.resolve(LINKS);
    await expect(links.issue({ purpose: 'surveys.nope', recordId: 'x' })).rejects.toMatchObject({
      code: 'UNKNOWN_LINK_PURPOSE',
      message: expect.stringContaining('known: surveys.rate, surveys.progress'),
    });
    await expect(links.verify('x', { purpose: 'nope' })).rejects.toMatchObject({
      code: 'UNKNOWN_LINK_PURPOSE',
    });
    await expect(links.issue({ purpose: 'surveys.rate', recordId: 'x', ttl: '8d' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'ttl', rule: 'maximum' }],
    });
    await expect(links.issue({ purpose: 'surveys.rate', recordId: '' })).rejects.toMatchObject({
      errors: [{ path: 'recordId', rule: 'format' }],
    });
  });

  it('sweeps links a day past their expiry', async () => {
    const { kernel, clock, volume } = await boot();
    const links = kernel.resolve(LINKS);
    await links.issue({ purpose: 'surveys.rate', recordId: 'old', ttl: '1h' });
    await links.issue({ purpose: 'surveys.rate', recordId: 'new' });
    clock.advance(3_600_000 + 86_400_000 + 1);
    await kernel.jobs.runNow('kernel.linkSweep');
    expect(rows(volume).map((row) => row.recordId)).toEqual(['new']);
  });

  describe('the server secret', () => {
    it('keeps tokens of older keys valid after RAPPORT_SECRET gets a new first pair', async () => {
      const volume = createMemoryVolume();
      const first = await boot({ secret: `k1:${SECRET_A}` }, volume);
      const old = await first.kernel.resolve(LINKS).issue({ purpose: 'surveys.progress', recordId: 'r' });
      expect(old.token.startsWith('k1.')).toBe(true);
      await first.kernel.stop();
      kernels.splice(0);

      const rotated = await boot({ secret: `k2:${SECRET_B},k1:${SECRET_A}` }, volume);
      const links = rotated.kernel.resolve(LINKS);
      expect(await links.verify(old.token, { purpose: 'surveys.progress' })).toBeDefined();
      expect(
        (await links.issue({ purpose: 'surveys.progress', recordId: 'r' })).token.startsWith('k2.'),
      ).toBe(true);
      await rotated.kernel.stop();
      kernels.splice(0);

      const dropped = await boot({ secret: `k2:${SECRET_B}` }, volume);
      expect(
        await dropped.kernel.resolve(LINKS).verify(old.token, { purpose: 'surveys.progress' }),
      ).toBeUndefined();
      expect(volume.collections.get('_secrets')?.records.size ?? 0).toBe(0);
    });

    it('needs the configured secret to check a token: the store alone does not do', async () => {
      const volume = createMemoryVolume();
      const first = await boot({ secret: SECRET_A }, volume);
      const issued = await first.kernel.resolve(LINKS).issue({ purpose: 'surveys.rate', recordId: 'r' });
      expect(issued.token.startsWith('k0.')).toBe(true);
      await first.kernel.stop();
      kernels.splice(0);
      const thief = await boot({ secret: `k0:${SECRET_B}` }, volume);
      expect(
        await thief.kernel.resolve(LINKS).verify(issued.token, { purpose: 'surveys.rate' }),
      ).toBeUndefined();
    });

    it('generates a secret on first start, keeps it in the store, rotates and retires keys', async () => {
      const volume = createMemoryVolume();
      const first = await boot({}, volume);
      const secret = first.kernel.resolve(SERVER_SECRET);
      expect(secret.source).toBe('store');
      const [generated] = secret.keys();
      expect(generated).toMatchObject({ kid: expect.stringMatching(/^k[0-9a-f]{12}$/), current: true });
      const old = await first.kernel.resolve(LINKS).issue({ purpose: 'surveys.progress', recordId: 'r' });
      await first.kernel.stop();
      kernels.splice(0);

      const restarted = await boot({}, volume);
      const again = restarted.kernel.resolve(SERVER_SECRET);
      expect(again.keys()).toEqual([generated]);
      const links = restarted.kernel.resolve(LINKS);
      expect(await links.verify(old.token, { purpose: 'surveys.progress' })).toBeDefined();
      const next = await again.rotate();
      expect(again.keys().map((key) => [key.kid, key.current])).toEqual([
        [next.kid, true],
        [generated?.kid, false],
      ]);
      const fresh = await links.issue({ purpose: 'surveys.progress', recordId: 'r' });
      expect(fresh.token.startsWith(`${next.kid}.`)).toBe(true);
      expect(await links.verify(old.token, { purpose: 'surveys.progress' })).toBeDefined();
      await expect(again.retire(next.kid)).rejects.toMatchObject({ code: 'INVALID' });
      await expect(again.retire('k404')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await again.retire(generated?.kid as string);
      expect(await links.verify(old.token, { purpose: 'surveys.progress' })).toBeUndefined();
      expect(await links.verify(fresh.token, { purpose: 'surveys.progress' })).toBeDefined();
    });

    it('sees a key rotated by another process when a token names it', async () => {
      const volume = createMemoryVolume();
      const a = await boot({}, volume);
      const b = await boot({}, volume);
      expect(b.kernel.resolve(SERVER_SECRET).keys()).toEqual(a.kernel.resolve(SERVER_SECRET).keys());
      await a.kernel.resolve(SERVER_SECRET).rotate();
      const issued = await a.kernel.resolve(LINKS).issue({ purpose: 'surveys.rate', recordId: 'r' });
      expect(await b.kernel.resolve(LINKS).verify(issued.token, { purpose: 'surveys.rate' })).toBeDefined();
    });

    it('refuses to rotate a configured secret', async () => {
      const { kernel } = await boot({ secret: SECRET_A });
      await expect(kernel.resolve(SERVER_SECRET).rotate()).rejects.toThrow(/RAPPORT_SECRET/);
    });
  });
});
