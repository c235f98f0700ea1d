import { createToken } from '../di/tokens.js';
import { KERNEL, SESSIONS } from '../kernel/kernel-tokens.js';
import { definePlugin } from '../plugins/define-plugin.js';
import {
  DEFAULT_PASSWORD_HASHING,
  PasswordHasher,
  type PasswordHashing,
  passwordHashingProblems,
} from './password-hashing.js';
import { DEFAULT_MIN_PASSWORD_LENGTH } from './password-policy.js';
import { UserAccountService, type UserAccounts } from './user-accounts.js';
import { type User, UserEntity } from './user-entity.js';
import { tapUserRules, type UserTapRuntime } from './user-taps.js';

/** The id of the users plugin (its taps, tokens and log child). */
export const USERS_PLUGIN_ID = 'users';

/** User accounts: create, change, passwords, sign-in and sessions (provided by `users()`). */
export const USERS = createToken<UserAccounts>('users.accounts');
/** The plugin's password hasher (argon2id with the configured parameters). */
const PASSWORD_HASHER = createToken<PasswordHasher>('users.passwordHasher');

/** Options of {@link users}. */
export interface UsersOptions {
  /** The shortest password accepted, in characters (default 12, from 8 to 64). */
  minPasswordLength: number;
  /** argon2id cost parameters (default m=19456 KiB, t=2, p=1). */
  passwordHashing: PasswordHashing;
}

/** The built-in roles that may read the user directory (admins hold `*:*`). */
const DIRECTORY_READERS = ['manager', 'agent', 'viewer'];

/**
 * People who sign in: the `user` entity (name, e-mail unique whatever its case, roles, team,
 * language, time zone, active; an argon2id password hash nobody reads), the `USERS` service
 * (accounts, passwords, sign-in and sessions) and the kernel's session collection. `user` is a
 * privileged resource: `*:read` does not reach it, so the plugin grants `user:read` to the
 * built-in `manager`, `agent` and `viewer` roles; writing users takes an explicit grant (admins
 * hold `*:*`). `@rapport/server` serves sign-in, `/api/me` and `/api/users` when it is installed.
 *
 * @example
 * ```ts
 * const kernel = await createKernel({ store, plugins: [users(), apiKeys(), customers()] });
 * await kernel.start();
 * const { user, password } = await kernel.resolve(USERS).create(
 *   { name: 'Ada Lovelace', email: 'ada@example.com', roles: ['admin'] },
 *   { actor: SYSTEM_ACTOR },
 * );
 * ```
 */
export const users = definePlugin<UsersOptions>({
  id: USERS_PLUGIN_ID,
  version: '0.1.0',
  description: 'User accounts with argon2id passwords, sign-in sessions, roles and teams.',
  options: {
    type: 'object',
    properties: {
      minPasswordLength: { type: 'integer', minimum: 8, maximum: 64, default: DEFAULT_MIN_PASSWORD_LENGTH },
      passwordHashing: {
        type: 'object',
        properties: {
          memoryCost: { type: 'integer', default: DEFAULT_PASSWORD_HASHING.memoryCost },
          timeCost: { type: 'integer', default: DEFAULT_PASSWORD_HASHING.timeCost },
          parallelism: { type: 'integer', default: DEFAULT_PASSWORD_HASHING.parallelism },
        },
        additionalProperties: false,
        default: {},
      },
    },
    additionalProperties: false,
  },
  checkOptions: (options) =>
    passwordHashingProblems(options.passwordHashing).map((p) => `passwordHashing.${p}`),
  register(ctx) {
    ctx.entities.define(UserEntity);
    const runtime: UserTapRuntime = {};
    tapUserRules(ctx.hooks.entity<User>(UserEntity.name), USERS_PLUGIN_ID, runtime, ctx.timeZone);
    for (const role of DIRECTORY_READERS) ctx.access.grant(role, ['user:read']);
    ctx.services.provide(PASSWORD_HASHER, { value: new PasswordHasher(ctx.options.passwordHashing) });
    ctx.services.provide(USERS, {
      deps: { kernel: KERNEL, sessions: SESSIONS, hasher: PASSWORD_HASHER },
      factory: ({ kernel, sessions, hasher }) => {
        runtime.access = kernel.access;
        runtime.sessions = sessions;
        return new UserAccountService({
          kernel,
          sessions,
          hasher,
          minPasswordLength: ctx.options.minPasswordLength,
        });
      },
    });
  },
  async start(ctx) {
    // Binds the taps to the running kernel before any plugin after this one writes a user.
    ctx.resolve(USERS);
    await ctx.resolve(PASSWORD_HASHER).prepare();
  },
});
