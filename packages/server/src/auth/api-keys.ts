import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  type Actor,
  type EntityRecord,
  type Kernel,
  SYSTEM_ACTOR,
  USER_ENTITY,
  USERS,
  type UserAccounts,
  userActor,
  ValidationError,
} from '@rapport/core';
import type { ApiKey } from './api-key-entity.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const KEY_FORMAT = /^rk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

function randomKeyId(): string {
  const bytes = randomBytes(12);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The most keys a deployment holds (revoked ones included): `GET /api/api-keys` lists them all. */
export const MAX_API_KEYS = 100_000;

/** What `createApiKey` returns: the key (shown once) and its stored record. */
export interface CreatedApiKey {
  key: string;
  record: EntityRecord<ApiKey>;
}

/** Options of {@link createApiKey}. */
export interface CreateApiKeyOptions {
  name: string;
  /** Its roles; with `userId` they may be left empty for the user's own roles, and must be among them. */
  roles: string[];
  attributes?: ApiKey['attributes'];
  /** The user (id or e-mail address) the key acts as; needs the `users()` plugin. */
  userId?: string;
  /** Who creates it (defaults to the system). */
  actor?: Actor;
  /** A full key to adopt instead of a random one (for scripted set-ups); must match `rk_<12>_<43>`. */
  key?: string;
}

/**
 * Creates an API key `rk_<keyId>_<secret>`: 12 public characters to find it, 256 random bits
 * of secret. Only the SHA-256 of the secret is stored (a fast hash is right for a random 256-bit
 * secret: there is nothing to brute-force). The key is returned once and never again.
 */
export async function createApiKey(kernel: Kernel, options: CreateApiKeyOptions): Promise<CreatedApiKey> {
  const owner = options.userId === undefined ? undefined : await keyOwner(kernel, options);
  const roles = owner && options.roles.length === 0 ? owner.roles : options.roles;
  const unknown = roles.filter((role) => !kernel.access.hasRole(role));
  if (unknown.length > 0) {
    throw new ValidationError(`unknown role(s): ${unknown.join(', ')}`, [
      {
        path: 'roles',
        rule: 'role',
        message: `must name existing roles (${Object.keys(kernel.access.roles()).join(', ')})`,
      },
    ]);
  }
  let keyId = randomKeyId();
  let secret = randomBytes(32).toString('base64url');
  if (options.key !== undefined) {
    const match = KEY_FORMAT.exec(options.key);
    if (!match) {
      throw new ValidationError(
        'the key does not have the form rk_<12 letters or digits>_<43 base64url characters>',
        [{ path: 'key', rule: 'format', message: 'must look like rk_XXXXXXXXXXXX_<43 characters>' }],
      );
    }
    keyId = match[1] as string;
    secret = match[2] as string;
  }
  const actor = options.actor ?? SYSTEM_ACTOR;
  const held = await kernel.data<ApiKey>('apiKey', { actor: SYSTEM_ACTOR }).count();
  if (held >= MAX_API_KEYS) {
    throw new ValidationError(
      `the deployment already holds ${held} API keys (revoked ones included), the most it may`,
      [{ path: 'name', rule: 'maxKeys', message: `no more than ${MAX_API_KEYS} keys` }],
    );
  }
  const record = await kernel.data<ApiKey>('apiKey', { actor }).create({
    name: options.name,
    keyId,
    hash: sha256(secret),
    roles,
    ...(options.attributes ? { attributes: options.attributes } : {}),
    ...(owner ? { userId: owner.id } : {}),
    createdBy: actor.id,
  });
  return { key: `rk_${keyId}_${secret}`, record };
}

/** The active user a new key is for, checked: its roles must be among the user's. */
async function keyOwner(
  kernel: Kernel,
  options: CreateApiKeyOptions,
): Promise<{ id: string; roles: string[] }> {
  if (!kernel.entities.has(USER_ENTITY)) {
    throw new ValidationError('a key can belong to a user only where the users() plugin is installed', [
      { path: 'userId', rule: 'users', message: 'needs the users() plugin in the kernel' },
    ]);
  }
  const accounts = kernel.resolve(USERS);
  const user = await accounts
    .resolve(options.userId as string, { actor: SYSTEM_ACTOR })
    .catch(() => undefined);
  if (!user || user.active === false) {
    throw new ValidationError(`there is no active user '${options.userId}' to give a key to`, [
      { path: 'userId', rule: 'user', message: 'must name an active user (id or e-mail address)' },
    ]);
  }
  const foreign = options.roles.filter((role) => !user.roles.includes(role));
  if (foreign.length > 0) {
    throw new ValidationError(`the key's role(s) ${foreign.join(', ')} are not roles of the user`, [
      {
        path: 'roles',
        rule: 'userRoles',
        message: `must be among the user's roles (${user.roles.join(', ') || 'none'}), or left empty for all of them`,
      },
    ]);
  }
  return { id: user.id, roles: user.roles };
}

/** Marks a key revoked (by record id or key id); it stops working within the verifier's cache time. */
export async function revokeApiKey(
  kernel: Kernel,
  idOrKeyId: string,
  actor: Actor = SYSTEM_ACTOR,
): Promise<EntityRecord<ApiKey>> {
  const repo = kernel.data<ApiKey>('apiKey', { actor });
  const { items } = await repo.find({ where: { or: [{ id: idOrKeyId }, { keyId: idOrKeyId }] }, limit: 1 });
  const key = items[0] ?? (await repo.get(idOrKeyId));
  return repo.update(key.id, { revokedAt: new Date(kernel.clock.now()).toISOString() });
}

/** Lists keys without their hashes. */
export async function listApiKeys(
  kernel: Kernel,
  actor: Actor = SYSTEM_ACTOR,
): Promise<Array<Omit<EntityRecord<ApiKey>, 'hash'>>> {
  const out: Array<Omit<EntityRecord<ApiKey>, 'hash'>> = [];
  let cursor: string | undefined;
  do {
    const page = await kernel
      .data<ApiKey>('apiKey', { actor })
      .find({ sort: ['createdAt'], limit: 200, ...(cursor ? { cursor } : {}) });
    for (const { hash: _hash, ...rest } of page.items) out.push(rest);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Checks bearer tokens against stored keys, caching answers briefly (revocation takes effect within `ttlMs`). */
export class ApiKeyVerifier {
  readonly #kernel: Kernel;
  readonly #ttlMs: number;
  readonly #cache = new Map<string, { actor: Actor | undefined; until: number }>();
  readonly #accounts: UserAccounts | undefined;

  constructor(kernel: Kernel, ttlMs = 5_000) {
    this.#kernel = kernel;
    this.#ttlMs = ttlMs;
    this.#accounts = kernel.entities.has(USER_ENTITY) ? kernel.resolve(USERS) : undefined;
  }

  /**
   * The actor of a valid, unrevoked key; `undefined` otherwise. A key verified within the cache
   * time is answered synchronously; otherwise the answer is a promise.
   */
  verify(token: string): Actor | undefined | Promise<Actor | undefined> {
    const now = Date.now();
    const cached = this.#cache.get(token);
    if (cached && cached.until > now) return cached.actor;
    const match = KEY_FORMAT.exec(token);
    if (!match) return undefined;
    return this.#lookup(match[1] as string, match[2] as string).then((actor) => {
      if (this.#cache.size > 10_000) this.#cache.clear();
      this.#cache.set(token, { actor, until: now + this.#ttlMs });
      return actor;
    });
  }

  async #lookup(keyId: string, secret: string): Promise<Actor | undefined> {
    const { items } = await this.#kernel
      .data<ApiKey>('apiKey', { actor: SYSTEM_ACTOR })
      .find({ where: { keyId }, limit: 1 });
    const key = items[0];
    if (!key || key.revokedAt) return undefined;
    const expected = Buffer.from(key.hash, 'hex');
    const given = createHash('sha256').update(secret).digest();
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    return actorOfKey(key, this.#accounts);
  }
}

/**
 * The actor an API key acts as: a key of a user account acts as that user (their id, team, and
 * those of the key's roles the user still holds) while the user is active, else `undefined`; a
 * key naming a person in `attributes.userId` acts under that id; any other as `key:<keyId>`.
 * The caller has checked the key is not revoked.
 */
export async function actorOfKey(
  key: ApiKey,
  accounts: UserAccounts | undefined,
): Promise<Actor | undefined> {
  if (key.userId !== undefined) {
    // A key of a user account acts as that user, while the user is active.
    const user = await accounts?.activeUser(key.userId);
    if (!user) return undefined;
    const actor = userActor(user, { keyId: key.keyId, roles: key.roles });
    return { ...actor, attributes: { ...key.attributes, ...actor.attributes } };
  }
  // A key naming a person in `attributes.userId` (no account needed) acts under that id, so owner
  // rules such as "reps see their own deals" apply; the key id stays in the attributes for the audit trail.
  const userId = typeof key.attributes?.userId === 'string' ? key.attributes.userId : undefined;
  return {
    id: userId ?? `key:${key.keyId}`,
    kind: 'apiKey',
    roles: key.roles,
    attributes: { ...key.attributes, keyId: key.keyId },
  };
}

/**
 * The actor of the unrevoked API key `keyId` as it acts now (its current roles, its user's
 * current standing), or `undefined` for an unknown or revoked key: for work done later on behalf
 * of whoever made it (a webhook subscription's deliveries).
 */
export async function apiKeyActor(kernel: Kernel, keyId: string): Promise<Actor | undefined> {
  if (!kernel.entities.has('apiKey')) return undefined;
  const { items } = await kernel
    .data<ApiKey>('apiKey', { actor: SYSTEM_ACTOR })
    .find({ where: { keyId }, limit: 1 });
  const key = items[0];
  if (!key || key.revokedAt) return undefined;
  return actorOfKey(key, kernel.entities.has(USER_ENTITY) ? kernel.resolve(USERS) : undefined);
}
