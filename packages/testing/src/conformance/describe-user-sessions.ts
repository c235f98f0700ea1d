import {
  createKernel,
  createManualClock,
  type Kernel,
  type ManualClock,
  SESSIONS,
  SYSTEM_ACTOR,
  USERS,
  type UserAccounts,
  users,
} from '@rapport/core';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreLocation } from './describe-store-conformance.js';

const TIMEOUTS = { idleMs: 30 * 60_000, absoluteMs: 8 * 3_600_000 };
const PASSWORD = 'correct horse battery staple';
const FAST_HASHING = { memoryCost: 64, timeCost: 1, parallelism: 1 };

interface Booted {
  kernel: Kernel;
  clock: ManualClock;
  accounts: UserAccounts;
}

/**
 * User accounts and sign-in sessions on a store adapter: users (with their password hashes) and
 * sessions survive a close and reopen; and, where the store serves several processes, a session
 * opened through one kernel is seen, touched and ended through another, and two kernels creating
 * the same e-mail address in different cases end with one user.
 *
 * @example
 * ```ts
 * describeUserSessions('postgres', () => {
 *   const schema = uniqueSchema('users');
 *   return { create: () => postgresStore({ url, schema }), cleanup: () => dropSchema(schema) };
 * });
 * ```
 */
export function describeUserSessions(
  name: string,
  location: () => StoreLocation | Promise<StoreLocation>,
  options: { timeout?: number } = {},
): void {
  describe(`users and sessions on ${name}`, () => {
    const kernels: Kernel[] = [];
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const kernel of kernels.splice(0)) if (kernel.state === 'running') await kernel.stop();
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });
    const place = async () => {
      const at = await location();
      if (at.cleanup) cleanups.push(at.cleanup);
      return at;
    };
    const boot = async (at: StoreLocation, start = '2026-03-01T09:00:00Z'): Promise<Booted> => {
      const clock = createManualClock(start);
      const kernel = await createKernel({
        store: at.create(),
        plugins: [users({ passwordHashing: FAST_HASHING })],
        clock,
        logger: pino({ level: 'silent' }),
        jobs: { timer: false },
      });
      await kernel.start();
      kernels.push(kernel);
      return { kernel, clock, accounts: kernel.resolve(USERS) };
    };
    const timeout = options.timeout ?? 30_000;

    it(
      'keeps users, password hashes and sessions across a close and reopen',
      async () => {
        const at = await place();
        const first = await boot(at);
        const { user } = await first.accounts.create(
          { name: 'Ada', email: 'Ada@Example.com', roles: ['viewer'], team: 'north', password: PASSWORD },
          { actor: SYSTEM_ACTOR },
        );
        const signedIn = await first.accounts.signIn('ada@example.com', PASSWORD, TIMEOUTS);
        expect(signedIn).toBeDefined();
        await first.kernel.stop();

        const second = await boot(at, '2026-03-01T09:10:00Z');
        const resolved = await second.accounts.resolveSession(signedIn?.token as string, TIMEOUTS);
        expect(resolved?.actor).toEqual({
          id: user.id,
          kind: 'user',
          roles: ['viewer'],
          attributes: { team: 'north' },
        });
        expect(resolved?.session.csrfToken).toBe(signedIn?.session.csrfToken);
        expect(await second.accounts.checkCredentials('ADA@example.com', PASSWORD)).toMatchObject({
          id: user.id,
        });
        await expect(
          second.accounts.create(
            { name: 'Twin', email: 'ada@EXAMPLE.com', roles: [] },
            { actor: SYSTEM_ACTOR },
          ),
        ).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'email' } });
        second.clock.advance(TIMEOUTS.idleMs);
        expect(await second.kernel.resolve(SESSIONS).sweep()).toBe(1);
        expect(await second.accounts.resolveSession(signedIn?.token as string, TIMEOUTS)).toBeUndefined();
      },
      timeout,
    );

    it(
      'shares sessions between kernels on one store (several server processes)',
      async (context) => {
        const at = await place();
        const a = await boot(at);
        if (!a.kernel.store.capabilities.multiProcess) {
          context.skip();
          return;
        }
        const b = await boot(at);
        const { user } = await a.accounts.create(
          { name: 'Ann', email: 'ann@example.com', roles: ['viewer'], password: PASSWORD },
          { actor: SYSTEM_ACTOR },
        );
        const issued = await a.accounts.signIn('ann@example.com', PASSWORD, TIMEOUTS);
        const token = issued?.token as string;
        const seen = await b.accounts.resolveSession(token, TIMEOUTS);
        expect(seen?.user.id).toBe(user.id);
        b.clock.advance(20 * 60_000);
        const touched = await b.kernel
          .resolve(SESSIONS)
          .touch(seen?.session as never, { ...TIMEOUTS, touchMs: 60_000 });
        expect(touched?.lastSeenAt).toBe(b.clock.now());
        a.clock.advance(40 * 60_000);
        // Idle for 40 minutes as A's clock sees it, but B recorded activity 20 minutes in.
        expect(await a.accounts.resolveSession(token, TIMEOUTS)).toBeDefined();
        expect(await b.accounts.signOut(token)).toBe(true);
        expect(await a.accounts.resolveSession(token, TIMEOUTS)).toBeUndefined();

        const again = await b.accounts.signIn('ann@example.com', PASSWORD, TIMEOUTS);
        await a.accounts.update(user.id, { active: false }, { actor: SYSTEM_ACTOR });
        expect(await b.accounts.resolveSession(again?.token as string, TIMEOUTS)).toBeUndefined();

        const results = await Promise.allSettled([
          a.accounts.create({ name: 'X', email: 'race@example.com', roles: [] }, { actor: SYSTEM_ACTOR }),
          b.accounts.create({ name: 'Y', email: 'RACE@example.com', roles: [] }, { actor: SYSTEM_ACTOR }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
        const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(refused.reason).toMatchObject({ code: 'CONFLICT' });
      },
      timeout,
    );
  });
}
