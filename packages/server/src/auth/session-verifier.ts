import {
  type Clock,
  type Duration,
  type FieldError,
  type Sessions,
  type SessionTimeouts,
  type SignedInUser,
  toMilliseconds,
  type UserAccounts,
} from '@rapport/core';

/** The `sessions` option of `createServer`. */
export interface SessionOptions {
  /** A session unused this long ends (default `'30m'`). */
  idleTimeout?: Duration;
  /** A session ends this long after sign-in, used or not (default `'8h'`, a working day). */
  absoluteTimeout?: Duration;
  /**
   * How long a process trusts a session it verified before reading it again (default 5000 ms):
   * a sign-out or deactivation made through another process takes effect within this time.
   */
  cacheMs?: number;
}

/** The defaults of {@link SessionOptions}: 30 minutes idle, 8 hours at most, 5 s cache. */
export const DEFAULT_SESSION_OPTIONS: Readonly<Required<SessionOptions>> = Object.freeze({
  idleTimeout: '30m',
  absoluteTimeout: '8h',
  cacheMs: 5_000,
});

/** The longest activity is left unrecorded: at most one write per session per minute. */
const MAX_TOUCH_MS = 60_000;

/** Session timeouts in milliseconds, with the interval at which activity is recorded. */
export interface SessionSettings extends SessionTimeouts {
  touchMs: number;
  cacheMs: number;
}

/** What is wrong with a `sessions` option (field errors under `sessions.`); empty when usable. */
export function sessionOptionProblems(options: SessionOptions | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const ms = (name: 'idleTimeout' | 'absoluteTimeout'): number | undefined => {
    try {
      return toMilliseconds(options?.[name] ?? DEFAULT_SESSION_OPTIONS[name]);
    } catch (error) {
      errors.push({ path: `sessions.${name}`, rule: 'duration', message: (error as Error).message });
      return undefined;
    }
  };
  const idle = ms('idleTimeout');
  const absolute = ms('absoluteTimeout');
  if (idle !== undefined && absolute !== undefined && idle > absolute) {
    errors.push({
      path: 'sessions.idleTimeout',
      rule: 'maximum',
      message: 'must not be longer than sessions.absoluteTimeout',
    });
  }
  const cacheMs = options?.cacheMs;
  if (cacheMs !== undefined && !(Number.isInteger(cacheMs) && cacheMs >= 0 && cacheMs <= 60_000)) {
    errors.push({ path: 'sessions.cacheMs', rule: 'range', message: 'must be an integer from 0 to 60000' });
  }
  return errors;
}

/** The settings of a (checked) `sessions` option. */
export function sessionSettings(options: SessionOptions = {}): SessionSettings {
  const idleMs = toMilliseconds(options.idleTimeout ?? DEFAULT_SESSION_OPTIONS.idleTimeout);
  const absoluteMs = toMilliseconds(options.absoluteTimeout ?? DEFAULT_SESSION_OPTIONS.absoluteTimeout);
  return {
    idleMs,
    absoluteMs,
    touchMs: Math.min(MAX_TOUCH_MS, Math.floor(idleMs / 4)),
    cacheMs: options.cacheMs ?? DEFAULT_SESSION_OPTIONS.cacheMs,
  };
}

interface CachedSession {
  signedIn: SignedInUser;
  until: number;
  /** `Sessions.revocations` when it was read. */
  revocations: number;
}

/**
 * Checks session tokens for the auth middleware: the session and its user from the store, kept
 * for `cacheMs` (the same actor object each time, so per-actor caches downstream keep working).
 * Every answer, cached or not, checks both timeouts against the kernel clock; a session whose
 * activity was last recorded `touchMs` ago or more is touched (one write), which also notices a
 * session revoked by another process.
 */
export class SessionVerifier {
  readonly #accounts: UserAccounts;
  readonly #sessions: Sessions;
  readonly #clock: Clock;
  readonly settings: SessionSettings;
  readonly #cache = new Map<string, CachedSession>();

  constructor(deps: { accounts: UserAccounts; sessions: Sessions; clock: Clock }, settings: SessionSettings) {
    this.#accounts = deps.accounts;
    this.#sessions = deps.sessions;
    this.#clock = deps.clock;
    this.settings = settings;
  }

  /** The signed-in user of a token, or `undefined`; synchronous while cached and not due a touch. */
  verify(token: string): SignedInUser | undefined | Promise<SignedInUser | undefined> {
    const now = this.#clock.now();
    const cached = this.#cache.get(token);
    if (cached && this.#usable(cached, now) && this.#current(cached.signedIn, now)) return cached.signedIn;
    return this.#load(token, cached, now);
  }

  /** Drops a token from the cache (its session was ended here). */
  forget(token: string): void {
    this.#cache.delete(token);
  }

  /** A cache entry still trusted: young enough, and no session ended in this process since it was read. */
  #usable(cached: CachedSession, now: number): boolean {
    return cached.until > now && cached.revocations === this.#sessions.revocations;
  }

  #current(signedIn: SignedInUser, now: number): boolean {
    const { session } = signedIn;
    return (
      this.#sessions.alive(session, this.settings, now) && now - session.lastSeenAt < this.settings.touchMs
    );
  }

  async #load(
    token: string,
    cached: CachedSession | undefined,
    now: number,
  ): Promise<SignedInUser | undefined> {
    let entry =
      cached && this.#usable(cached, now) && this.#sessions.alive(cached.signedIn.session, this.settings, now)
        ? cached
        : undefined;
    if (!entry) {
      const revocations = this.#sessions.revocations;
      const signedIn = await this.#accounts.resolveSession(token, this.settings);
      if (!signedIn) {
        this.#cache.delete(token);
        return undefined;
      }
      // The same actor object while the user is unchanged, for downstream per-actor caches.
      const actor =
        cached && cached.signedIn.user.version === signedIn.user.version
          ? cached.signedIn.actor
          : signedIn.actor;
      entry = { signedIn: { ...signedIn, actor }, until: now + this.settings.cacheMs, revocations };
    }
    if (now - entry.signedIn.session.lastSeenAt >= this.settings.touchMs) {
      const session = await this.#sessions.touch(entry.signedIn.session, this.settings);
      if (!session) {
        this.#cache.delete(token);
        return undefined;
      }
      entry = { ...entry, signedIn: { ...entry.signedIn, session } };
    }
    if (this.#cache.size >= 10_000) this.#cache.clear();
    this.#cache.set(token, entry);
    return entry.signedIn;
  }
}
