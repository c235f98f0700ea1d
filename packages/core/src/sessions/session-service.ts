import { timingSafeEqual } from 'node:crypto';
import type { TransactionRunner } from '../data/transaction-runner.js';
import { RapportError } from '../errors.js';
import type { StoreTx } from '../store/types.js';
import { type Clock, isoTime } from '../util/clock.js';
import { SESSIONS_COLLECTION, type SessionRow } from './session-collection.js';
import {
  formatSessionToken,
  newCsrfToken,
  newSessionTokenParts,
  parseSessionToken,
  sessionSecretHash,
} from './session-token.js';

/** How long a session lives: without use (`idleMs`) and at most from its start (`absoluteMs`). */
export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

/** A live session as callers see it: never its token or the token's hash. */
export interface SessionInfo {
  /** The lookup part of its token (safe to log: it cannot be used without the secret part). */
  id: string;
  userId: string;
  /** What state-changing requests authenticated by this session must send as `X-CSRF-Token`. */
  csrfToken: string;
  /** Epoch milliseconds. */
  createdAt: number;
  lastSeenAt: number;
  /** The absolute end (epoch ms), fixed at sign-in. */
  expiresAt: number;
}

/** A session as `create` returns it: the token is shown this once and never stored. */
export interface IssuedSession {
  token: string;
  session: SessionInfo;
}

/**
 * Sign-in sessions, resolved as `SESSIONS`: rows in the store (so every server process on the
 * store sees them), each holding only the SHA-256 of its token's secret part. A token that is
 * malformed, unknown, revoked, idle too long or past its absolute end is refused alike
 * (`undefined`, after the same work: one read by primary key, one constant-time comparison).
 *
 * @example
 * ```ts
 * const sessions = kernel.resolve(SESSIONS);
 * const { token } = await sessions.create(user.id, { idleMs: 1_800_000, absoluteMs: 28_800_000 });
 * const session = await sessions.verify(token, timeouts); // later, on every request
 * ```
 */
export interface Sessions {
  create(userId: string, timeouts: SessionTimeouts): Promise<IssuedSession>;
  /** The session of a valid token, or `undefined`; reads only (see {@link touch}). */
  verify(token: string, timeouts: SessionTimeouts): Promise<SessionInfo | undefined>;
  /**
   * Records activity: moves `lastSeenAt` to now when it is at least `touchMs` old (one write per
   * interval, not per request). `undefined` when the session has ended or was revoked meanwhile.
   */
  touch(
    session: SessionInfo,
    timeouts: SessionTimeouts & { touchMs: number },
  ): Promise<SessionInfo | undefined>;
  /** Whether a session is within both of its timeouts at `now` (epoch ms). */
  alive(session: SessionInfo, timeouts: SessionTimeouts, now: number): boolean;
  /** Ends one session by its token or id; false when there was none. */
  revoke(tokenOrId: string): Promise<boolean>;
  /** Ends every session of a user (password changed, account deactivated); returns how many. */
  revokeUser(userId: string, options?: { except?: string }): Promise<number>;
  /** Deletes sessions past either timeout (the kernel runs it every 10 minutes); returns how many. */
  sweep(): Promise<number>;
  /**
   * How many times this process ended sessions (`revoke`, `revokeUser`): a cache of verified
   * sessions looks again when it changed, so a sign-out or deactivation here takes effect at once.
   */
  readonly revocations: number;
}

const HASH_LENGTH = 32;
/** What an absent row is compared against, so an unknown token costs what a known one does. */
const ABSENT_HASH = Buffer.alloc(HASH_LENGTH);
const BATCH = 500;

interface SessionDeps {
  runner: TransactionRunner;
  clock: Clock;
}

function infoOf(row: SessionRow): SessionInfo {
  return {
    id: row.id,
    userId: row.userId,
    csrfToken: row.csrf,
    createdAt: Date.parse(row.createdAt),
    lastSeenAt: Date.parse(row.lastSeenAt),
    expiresAt: Date.parse(row.expiresAt),
  };
}

async function readRow(tx: StoreTx, id: string): Promise<SessionRow | undefined> {
  return (await tx.get(SESSIONS_COLLECTION, id)) as SessionRow | undefined;
}

/** The kernel's {@link Sessions}. */
export class SessionService implements Sessions {
  readonly #deps: SessionDeps;
  #revocations = 0;

  constructor(deps: SessionDeps) {
    this.#deps = deps;
  }

  get revocations(): number {
    return this.#revocations;
  }

  async create(userId: string, timeouts: SessionTimeouts): Promise<IssuedSession> {
    const { runner, clock } = this.#deps;
    const now = clock.now();
    const at = isoTime(now);
    for (let attempt = 0; ; attempt += 1) {
      const parts = newSessionTokenParts();
      const row: SessionRow = {
        id: parts.lookup,
        createdAt: at,
        updatedAt: at,
        version: 1,
        userId,
        hash: sessionSecretHash(parts.secret).toString('hex'),
        csrf: newCsrfToken(),
        lastSeenAt: at,
        expiresAt: isoTime(now + timeouts.absoluteMs),
        idleExpiresAt: isoTime(now + timeouts.idleMs),
      };
      try {
        await runner.run(async ({ tx }) => tx.insert(SESSIONS_COLLECTION, row));
      } catch (error) {
        // 96 random bits make a lookup clash all but impossible; one retry covers it.
        if (attempt === 0 && error instanceof RapportError && error.code === 'CONFLICT') continue;
        throw error;
      }
      return { token: formatSessionToken(parts), session: infoOf(row) };
    }
  }

  async verify(token: string, timeouts: SessionTimeouts): Promise<SessionInfo | undefined> {
    const parts = parseSessionToken(token);
    if (!parts) return undefined;
    const row = await this.#deps.runner.read((tx) => readRow(tx, parts.lookup));
    const stored = row ? Buffer.from(row.hash, 'hex') : ABSENT_HASH;
    const sameLength = stored.length === HASH_LENGTH;
    const given = sessionSecretHash(parts.secret);
    const matches = timingSafeEqual(sameLength ? stored : ABSENT_HASH, given) && sameLength;
    if (!matches || !row) return undefined;
    const session = infoOf(row);
    return this.alive(session, timeouts, this.#deps.clock.now()) ? session : undefined;
  }

  alive(session: SessionInfo, timeouts: SessionTimeouts, now: number): boolean {
    return (
      now < session.expiresAt &&
      now < session.createdAt + timeouts.absoluteMs &&
      now < session.lastSeenAt + timeouts.idleMs
    );
  }

  async touch(
    session: SessionInfo,
    timeouts: SessionTimeouts & { touchMs: number },
  ): Promise<SessionInfo | undefined> {
    const { runner, clock } = this.#deps;
    const now = clock.now();
    if (!this.alive(session, timeouts, now)) return undefined;
    if (now - session.lastSeenAt < timeouts.touchMs) return session;
    const at = isoTime(now);
    try {
      return await runner.run(async ({ tx }) => {
        const row = await readRow(tx, session.id);
        if (!row || row.userId !== session.userId) return undefined;
        if (now - Date.parse(row.lastSeenAt) < timeouts.touchMs) return infoOf(row);
        const next: SessionRow = {
          ...row,
          lastSeenAt: at,
          idleExpiresAt: isoTime(now + timeouts.idleMs),
          updatedAt: at,
          version: row.version + 1,
        };
        await tx.update(SESSIONS_COLLECTION, next, row.version);
        return infoOf(next);
      });
    } catch (error) {
      // Another process recorded the same activity first: the session is as alive as it was.
      if (error instanceof RapportError && error.code === 'CONFLICT') return { ...session, lastSeenAt: now };
      throw error;
    }
  }

  async revoke(tokenOrId: string): Promise<boolean> {
    const id = parseSessionToken(tokenOrId)?.lookup ?? tokenOrId;
    this.#revocations += 1;
    return this.#deps.runner.run(async ({ tx }) => {
      const row = await readRow(tx, id);
      if (!row) return false;
      await tx.delete(SESSIONS_COLLECTION, row.id);
      return true;
    });
  }

  async revokeUser(userId: string, options: { except?: string } = {}): Promise<number> {
    this.#revocations += 1;
    return this.#deps.runner.run(async ({ tx }) => {
      let revoked = 0;
      for (;;) {
        const rows = await tx.find(SESSIONS_COLLECTION, {
          where: { kind: 'cmp', field: 'userId', op: 'eq', value: userId },
          sort: [{ field: 'id', direction: 'asc' }],
          limit: BATCH,
        });
        const doomed = rows.filter((row) => row.id !== options.except);
        for (const row of doomed) await tx.delete(SESSIONS_COLLECTION, row.id);
        revoked += doomed.length;
        if (rows.length < BATCH || doomed.length === 0) return revoked;
      }
    });
  }

  async sweep(): Promise<number> {
    const { runner, clock } = this.#deps;
    const now = isoTime(clock.now());
    return runner.run(async ({ tx }) => {
      let swept = 0;
      for (const field of ['expiresAt', 'idleExpiresAt']) {
        const rows = await tx.find(SESSIONS_COLLECTION, {
          where: { kind: 'cmp', field, op: 'lte', value: now },
          sort: [{ field, direction: 'asc' }],
          limit: BATCH,
        });
        for (const row of rows) await tx.delete(SESSIONS_COLLECTION, row.id, row.version);
        swept += rows.length;
      }
      return swept;
    });
  }
}
