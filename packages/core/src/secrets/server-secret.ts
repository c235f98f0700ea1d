import { createHmac, hkdfSync } from 'node:crypto';
import type { TransactionRunner } from '../data/transaction-runner.js';
import { LifecycleError, RapportError } from '../errors.js';
import type { Clock } from '../util/clock.js';
import { isoTime } from '../util/clock.js';
import { SECRETS_COLLECTION, SERVER_SECRET_ID, type SecretRow } from './secret-collection.js';
import { generateSecretKey, type SecretKey } from './secret-keyring.js';

/** A key of the server secret as anyone may see it: its id and age, never the secret. */
export interface SecretKeyInfo {
  kid: string;
  /** When it was generated (stored secrets only). */
  createdAt?: string;
  /** Whether it signs new tokens (the newest key). */
  current: boolean;
}

/**
 * The deployment's one secret for signing (link tokens now, webhooks later), resolved as
 * `SERVER_SECRET`. Its keys never leave it: callers get MACs under a key derived for their use
 * (HKDF-SHA256 with `info = rapport:<use>`), so one use's MACs are worthless to another.
 */
export interface ServerSecret {
  /** `config`: from `RAPPORT_SECRET` / `KernelConfig.secret`; `store`: generated on first start and kept in the store. */
  readonly source: 'config' | 'store';
  /** The key ids, newest (the one that signs) first, with their age. */
  keys(): SecretKeyInfo[];
  /**
   * HMAC-SHA256 of `data` under the key `kid` (default: the current one) derived for `use`;
   * `undefined` when no key has that id.
   */
  hmac(use: string, data: string | Uint8Array, kid?: string): { kid: string; mac: Buffer } | undefined;
  /** Re-reads a stored secret when the cached copy is older than the refresh interval (no-op for `config`). */
  fresh(): Promise<void>;
  /** Whether a key has this id, re-reading a stored secret (at most every few seconds) when none has. */
  knows(kid: string): Promise<boolean>;
  /** Stored secrets: generates a new key that signs from now on; older keys keep verifying. */
  rotate(): Promise<SecretKeyInfo>;
  /** Stored secrets: drops an older key; what it signed stops verifying. The current key cannot be retired. */
  retire(kid: string): Promise<void>;
}

/** How often a process re-reads a stored secret (a rotation made elsewhere reaches it within this). */
const REFRESH_MS = 60_000;
/** How often an unknown key id may trigger a re-read. */
const UNKNOWN_KID_REFRESH_MS = 5_000;

interface HolderDeps {
  runner: TransactionRunner;
  clock: Clock;
  /** Keys from the configuration; `undefined` to use (and on first start generate) the stored secret. */
  configured: SecretKey[] | undefined;
}

/** The kernel's {@link ServerSecret}: the configured keys, or the stored ones once {@link load} ran. */
export class ServerSecretHolder implements ServerSecret {
  readonly source: 'config' | 'store';
  readonly #deps: HolderDeps;
  #keys: Array<SecretKey & { createdAt?: string }> | undefined;
  readonly #derived = new Map<string, Buffer>();
  #loadedAt = Number.NEGATIVE_INFINITY;
  #unknownAt = Number.NEGATIVE_INFINITY;

  constructor(deps: HolderDeps) {
    this.#deps = deps;
    this.source = deps.configured ? 'config' : 'store';
    this.#keys = deps.configured;
  }

  /** Reads the stored secret, generating it when there is none (a first-start race ends with one). */
  async load(): Promise<void> {
    if (this.source === 'config') return;
    const { runner, clock } = this.#deps;
    const read = () =>
      runner.read(
        async (tx) => (await tx.get(SECRETS_COLLECTION, SERVER_SECRET_ID)) as SecretRow | undefined,
      );
    let row = await read();
    if (!row) {
      const at = isoTime(clock.now());
      const created: SecretRow = {
        id: SERVER_SECRET_ID,
        createdAt: at,
        updatedAt: at,
        version: 1,
        keys: [{ ...generateSecretKey(), createdAt: at }],
      };
      try {
        await runner.run(async ({ tx }) => tx.insert(SECRETS_COLLECTION, created));
        row = created;
      } catch (error) {
        if (!(error instanceof RapportError) || error.code !== 'CONFLICT') throw error;
        row = await read(); // another process generated it first: everyone uses that one
      }
    }
    if (!row || row.keys.length === 0) {
      throw new RapportError(
        'INVALID_SECRET',
        `the stored server secret (${SECRETS_COLLECTION}) holds no key`,
      );
    }
    this.#keys = row.keys.map(({ kid, secret, createdAt }) => ({ kid, secret, createdAt }));
    this.#loadedAt = clock.now();
  }

  keys(): SecretKeyInfo[] {
    return this.#loaded().map(({ kid, createdAt }, index) => ({
      kid,
      ...(createdAt ? { createdAt } : {}),
      current: index === 0,
    }));
  }

  hmac(use: string, data: string | Uint8Array, kid?: string): { kid: string; mac: Buffer } | undefined {
    const keys = this.#loaded();
    const key = kid === undefined ? keys[0] : keys.find((candidate) => candidate.kid === kid);
    if (!key) return undefined;
    const cacheKey = `${key.kid}\u0000${use}`;
    let derived = this.#derived.get(cacheKey);
    if (!derived) {
      derived = Buffer.from(hkdfSync('sha256', key.secret, Buffer.alloc(0), `rapport:${use}`, 32));
      this.#derived.set(cacheKey, derived);
    }
    return { kid: key.kid, mac: createHmac('sha256', derived).update(data).digest() };
  }

  async fresh(): Promise<void> {
    if (this.source === 'store' && this.#deps.clock.now() - this.#loadedAt >= REFRESH_MS) await this.load();
  }

  async knows(kid: string): Promise<boolean> {
    if (this.#loaded().some((key) => key.kid === kid)) return true;
    const now = this.#deps.clock.now();
    if (this.source === 'config' || now - this.#unknownAt < UNKNOWN_KID_REFRESH_MS) return false;
    this.#unknownAt = now;
    await this.load();
    return this.#loaded().some((key) => key.kid === kid);
  }

  async rotate(): Promise<SecretKeyInfo> {
    const key = generateSecretKey();
    const at = isoTime(this.#deps.clock.now());
    await this.#change((keys) => [{ ...key, createdAt: at }, ...keys]);
    return { kid: key.kid, createdAt: at, current: true };
  }

  async retire(kid: string): Promise<void> {
    await this.#change((keys) => {
      const index = keys.findIndex((key) => key.kid === kid);
      if (index < 0) {
        throw new RapportError(
          'NOT_FOUND',
          `the server secret has no key '${kid}' (see \`rapport secret list\`)`,
          {
            details: { kid },
          },
        );
      }
      if (index === 0) {
        throw new RapportError('INVALID', `key '${kid}' signs new tokens; rotate first, then retire it`, {
          details: { kid },
        });
      }
      return keys.filter((key) => key.kid !== kid);
    });
  }

  /** Applies a change to the stored keys with a version-checked write, then reloads them. */
  async #change(change: (keys: SecretRow['keys']) => SecretRow['keys']): Promise<void> {
    if (this.source === 'config') {
      throw new RapportError(
        'INVALID',
        'the server secret comes from RAPPORT_SECRET: rotate it there by putting a new kid:secret pair first',
      );
    }
    const { runner, clock } = this.#deps;
    await runner.run(async ({ tx }) => {
      const row = (await tx.get(SECRETS_COLLECTION, SERVER_SECRET_ID)) as SecretRow | undefined;
      if (!row)
        throw new LifecycleError('the server secret is generated when the kernel starts; start it first');
      const keys = change(row.keys);
      await tx.update(
        SECRETS_COLLECTION,
        { ...row, keys, updatedAt: isoTime(clock.now()), version: row.version + 1 },
        row.version,
      );
    });
    await this.load();
  }

  #loaded(): Array<SecretKey & { createdAt?: string }> {
    if (!this.#keys) {
      throw new LifecycleError(
        'the server secret is read from the store when the kernel starts; call start() first',
      );
    }
    return this.#keys;
  }
}
