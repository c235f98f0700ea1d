import { type Actor, SYSTEM_ACTOR } from '../access/actor.js';
import type { Repository } from '../data/repository.js';
import type { EntityRecord } from '../entities/define-entity.js';
import { NotFoundError, RapportError, ValidationError } from '../errors.js';
import type { Kernel } from '../kernel/kernel-types.js';
import type { FindQuery, Page } from '../query/types.js';
import type { IssuedSession, SessionInfo, Sessions, SessionTimeouts } from '../sessions/session-service.js';
import { isoTime } from '../util/clock.js';
import type { PasswordHasher } from './password-hashing.js';
import { generatePassword, MAX_PASSWORD_LENGTH, passwordProblems } from './password-policy.js';
import { emailKeyOf, MAX_EMAIL_LENGTH, USER_ENTITY, type User } from './user-entity.js';
import { userActor } from './user-views.js';

/** A stored user (with its hash: never hand it out as is; see `userSummary` and `userProfile`). */
export type UserRecord = EntityRecord<User>;

/** The fields a person or a script may set on a user; the password is given in plain and hashed. */
export interface UserInput {
  name: string;
  email: string;
  roles: string[];
  team?: string;
  language?: string;
  timeZone?: string;
  active?: boolean;
  /**
   * The new password; omitted: one is generated and returned once; `false`: none (the user cannot
   * sign in until a password is set).
   */
  password?: string | false;
}

/** A change to a user (a merge patch: `team: null` removes the team). */
export type UserPatch = Partial<Omit<UserInput, 'password' | 'team'>> & { team?: string | null };

/** What `create` and `setPassword` return: the user, and a generated password (shown this once). */
export interface UserWithPassword {
  user: UserRecord;
  /** The generated password, when one was generated: hand it over, it is not stored. */
  password?: string;
}

/** A signed-in user: their record, the actor requests act as, and the session. */
export interface SignedInUser {
  user: UserRecord;
  actor: Actor;
  session: SessionInfo;
}

/**
 * User accounts, resolved as `USERS` (the `users()` plugin provides it): create and change users
 * as an actor (permission `user:create`/`user:update`, and nobody hands out roles beyond their
 * own), set passwords (argon2id), check sign-in credentials in near-constant time, and open,
 * resolve and end sessions. Passwords are never stored, returned or logged; hashes stay inside.
 *
 * @example
 * ```ts
 * const users = kernel.resolve(USERS);
 * const { password } = await users.create({ name: 'Ada', email: 'ada@example.com', roles: ['salesRep'] }, { actor });
 * const signedIn = await users.signIn('ADA@example.com', password!, { idleMs: 1_800_000, absoluteMs: 28_800_000 });
 * ```
 */
export interface UserAccounts {
  /** The shortest password accepted. */
  readonly minPasswordLength: number;
  create(input: UserInput, options: { actor: Actor }): Promise<UserWithPassword>;
  update(
    id: string,
    patch: UserPatch,
    options: { actor: Actor; expectedVersion?: number },
  ): Promise<UserRecord>;
  /** Sets (or, without `password`, generates) a user's password; their sessions end. */
  setPassword(id: string, password: string | undefined, options: { actor: Actor }): Promise<UserWithPassword>;
  /**
   * A user's own password change: checks the current one first (a wrong one answers `undefined`),
   * then sets the new one, recorded as the user themselves; every session of theirs ends, so the
   * caller opens a new one.
   */
  changeOwnPassword(userId: string, current: string, next: string): Promise<UserRecord | undefined>;
  get(id: string, options: { actor: Actor }): Promise<UserRecord>;
  /** By id or e-mail address (any case); `NOT_FOUND` when neither matches. */
  resolve(idOrEmail: string, options: { actor: Actor }): Promise<UserRecord>;
  find(query: FindQuery, options: { actor: Actor }): Promise<Page<UserRecord>>;
  delete(id: string, options: { actor: Actor; expectedVersion?: number }): Promise<void>;
  /**
   * The active user with this e-mail address and password, or `undefined` — the same answer, after
   * the same work (one lookup, one argon2 verification), for an unknown address, a user without a
   * password, an inactive user and a wrong password. Records the sign-in and upgrades an old hash.
   */
  checkCredentials(email: string, password: string): Promise<UserRecord | undefined>;
  /** {@link checkCredentials}, then a new session: `undefined` when the credentials are refused. */
  signIn(
    email: string,
    password: string,
    timeouts: SessionTimeouts,
  ): Promise<(IssuedSession & { user: UserRecord }) | undefined>;
  /** The user of a session token, when the session and the account are both live. */
  resolveSession(token: string, timeouts: SessionTimeouts): Promise<SignedInUser | undefined>;
  /** The active user a record id names (for keys that act as a user); `undefined` otherwise. */
  activeUser(id: string): Promise<UserRecord | undefined>;
  /** Ends a session by its token or id. */
  signOut(tokenOrId: string): Promise<boolean>;
}

interface AccountDeps {
  kernel: Kernel;
  sessions: Sessions;
  hasher: PasswordHasher;
  minPasswordLength: number;
}

const isRapportError = (error: unknown, code: string) => error instanceof RapportError && error.code === code;

/** The `users()` plugin's {@link UserAccounts}. */
export class UserAccountService implements UserAccounts {
  readonly #deps: AccountDeps;

  constructor(deps: AccountDeps) {
    this.#deps = deps;
  }

  get minPasswordLength(): number {
    return this.#deps.minPasswordLength;
  }

  #repo(actor: Actor): Repository<User> {
    return this.#deps.kernel.data<User>(USER_ENTITY, { actor });
  }

  /** Refuses a password the policy does not accept, naming the rule. */
  #checkPolicy(password: string, context: { email?: string; name?: string }): void {
    const errors = passwordProblems(password, this.#deps.minPasswordLength, context);
    if (errors.length > 0) {
      throw new ValidationError(`invalid user: password ${errors[0]?.message}`, errors, {
        details: { entity: USER_ENTITY },
      });
    }
  }

  /** The hash of `password` (checked), or of a generated one, which is returned to be handed over. */
  async #hashFor(password: string | undefined, context: { email?: string; name?: string }) {
    if (password !== undefined) this.#checkPolicy(password, context);
    const plain = password ?? generatePassword();
    return {
      hash: await this.#deps.hasher.hash(plain),
      generated: password === undefined ? plain : undefined,
    };
  }

  async create(input: UserInput, { actor }: { actor: Actor }): Promise<UserWithPassword> {
    const { password, ...fields } = refuseKeptFields(input);
    // Permission first, so a caller without `user:create` learns nothing and costs no hash.
    this.#deps.kernel.access.assert(actor, USER_ENTITY, 'create');
    const made =
      password === false
        ? undefined
        : await this.#hashFor(password, { email: fields.email, name: fields.name });
    const user = await this.#repo(actor).create({ ...fields, ...(made ? { passwordHash: made.hash } : {}) });
    return { user, ...(made?.generated ? { password: made.generated } : {}) };
  }

  update(
    id: string,
    patch: UserPatch,
    options: { actor: Actor; expectedVersion?: number },
  ): Promise<UserRecord> {
    const fields = refuseKeptFields(patch as Record<string, unknown>);
    if (Object.hasOwn(fields, 'password')) {
      throw new ValidationError('invalid user: a password is set on its own, not in a patch', [
        { path: 'password', rule: 'unknown', message: 'is set through the password route, not in a patch' },
      ]);
    }
    return this.#repo(options.actor).update(id, fields as Partial<User>, writeOptions(options));
  }

  async setPassword(
    id: string,
    password: string | undefined,
    { actor }: { actor: Actor },
  ): Promise<UserWithPassword> {
    this.#deps.kernel.access.assert(actor, USER_ENTITY, 'update');
    const repo = this.#repo(actor);
    const current = await repo.get(id);
    const made = await this.#hashFor(password, { email: current.email, name: current.name });
    const user = await repo.update(id, { passwordHash: made.hash }, { expectedVersion: current.version });
    return { user, ...(made.generated ? { password: made.generated } : {}) };
  }

  async changeOwnPassword(userId: string, current: string, next: string): Promise<UserRecord | undefined> {
    const { hasher } = this.#deps;
    const user = await this.activeUser(userId);
    const plain = typeof current === 'string' ? current.slice(0, MAX_PASSWORD_LENGTH) : '';
    const matches = user?.passwordHash
      ? (await hasher.verify(user.passwordHash, plain)) && plain === current
      : await hasher.verifyNothing(plain);
    if (!user?.passwordHash || !matches) return undefined;
    this.#checkPolicy(next, { email: user.email, name: user.name });
    if (await hasher.verify(user.passwordHash, next)) {
      throw new ValidationError('invalid user: password must differ from the current one', [
        { path: 'password', rule: 'unchanged', message: 'must differ from the current password' },
      ]);
    }
    const passwordHash = await hasher.hash(next);
    return this.#repo(selfActor(user.id)).update(
      user.id,
      { passwordHash },
      { expectedVersion: user.version },
    );
  }

  get(id: string, { actor }: { actor: Actor }): Promise<UserRecord> {
    return this.#repo(actor).get(id);
  }

  async resolve(idOrEmail: string, { actor }: { actor: Actor }): Promise<UserRecord> {
    const repo = this.#repo(actor);
    if (idOrEmail.includes('@') && idOrEmail.length <= MAX_EMAIL_LENGTH) {
      const { items } = await repo.find({ where: { emailKey: emailKeyOf(idOrEmail) }, limit: 1 });
      if (items[0]) return items[0];
      throw new NotFoundError(`no user has the e-mail address ${idOrEmail}`, {
        details: { entity: USER_ENTITY, field: 'email' },
      });
    }
    return repo.get(idOrEmail);
  }

  find(query: FindQuery, { actor }: { actor: Actor }): Promise<Page<UserRecord>> {
    return this.#repo(actor).find(query);
  }

  delete(id: string, options: { actor: Actor; expectedVersion?: number }): Promise<void> {
    return this.#repo(options.actor).delete(id, writeOptions(options));
  }

  async checkCredentials(email: string, password: string): Promise<UserRecord | undefined> {
    const { hasher, kernel } = this.#deps;
    const usable = typeof email === 'string' && email.length <= MAX_EMAIL_LENGTH;
    const plain = typeof password === 'string' ? password.slice(0, MAX_PASSWORD_LENGTH) : '';
    const { items } = usable
      ? await this.#repo(SYSTEM_ACTOR).find({ where: { emailKey: emailKeyOf(email) }, limit: 1 })
      : { items: [] };
    const user = items[0];
    const matches = user?.passwordHash
      ? (await hasher.verify(user.passwordHash, plain)) && plain === password
      : await hasher.verifyNothing(plain);
    if (!user?.passwordHash || !matches || user.active === false) return undefined;
    const rehash = hasher.needsRehash(user.passwordHash) ? { passwordHash: await hasher.hash(plain) } : {};
    const recorded = { lastSignInAt: isoTime(kernel.clock.now()), ...rehash };
    try {
      return await this.#repo(selfActor(user.id)).update(user.id, recorded, {
        expectedVersion: user.version,
      });
    } catch (error) {
      // An administrator changed the user at the same moment: the sign-in stands, unrecorded.
      if (isRapportError(error, 'CONFLICT')) return user;
      throw error;
    }
  }

  async signIn(
    email: string,
    password: string,
    timeouts: SessionTimeouts,
  ): Promise<(IssuedSession & { user: UserRecord }) | undefined> {
    const user = await this.checkCredentials(email, password);
    if (!user) return undefined;
    return { ...(await this.#deps.sessions.create(user.id, timeouts)), user };
  }

  async resolveSession(token: string, timeouts: SessionTimeouts): Promise<SignedInUser | undefined> {
    const session = await this.#deps.sessions.verify(token, timeouts);
    if (!session) return undefined;
    const user = await this.activeUser(session.userId);
    return user ? { user, actor: userActor(user), session } : undefined;
  }

  async activeUser(id: string): Promise<UserRecord | undefined> {
    try {
      const user = await this.#repo(SYSTEM_ACTOR).get(id);
      return user.active === false ? undefined : user;
    } catch (error) {
      if (isRapportError(error, 'NOT_FOUND')) return undefined;
      throw error;
    }
  }

  signOut(tokenOrId: string): Promise<boolean> {
    return this.#deps.sessions.revoke(tokenOrId);
  }
}

function writeOptions(options: { expectedVersion?: number }): { expectedVersion?: number } {
  return options.expectedVersion === undefined ? {} : { expectedVersion: options.expectedVersion };
}

/**
 * The actor of a user's own bookkeeping (sign-in time, own password change): the system, named as
 * the user, so the audit trail says who while no role of theirs is needed for it.
 */
function selfActor(userId: string): Actor {
  return { id: userId, kind: 'system', roles: [], attributes: { self: true } };
}

/** Refuses the fields only the users plugin writes (`passwordHash`, `emailKey`, ...) in caller input. */
function refuseKeptFields<T extends object>(input: T): T {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationError('invalid user: the user must be a JSON object', [
      { path: '', rule: 'type', message: 'must be a JSON object' },
    ]);
  }
  const refused = ['passwordHash', 'emailKey', 'passwordChangedAt', 'lastSignInAt'].filter((field) =>
    Object.hasOwn(input, field),
  );
  if (refused.length > 0) {
    throw new ValidationError(
      `invalid user: ${refused.join(', ')} cannot be written (send a password to set one)`,
      refused.map((path) => ({
        path,
        rule: 'readOnly',
        message: 'is kept by the users plugin and cannot be written',
      })),
      { details: { entity: USER_ENTITY } },
    );
  }
  return input;
}
