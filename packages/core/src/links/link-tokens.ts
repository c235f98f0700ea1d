import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../access/actor.js';
import { deleteExpiredRows } from '../data/sweep-expired.js';
import type { TransactionRunner } from '../data/transaction-runner.js';
import { RapportError, ValidationError } from '../errors.js';
import type { ServerSecret } from '../secrets/server-secret.js';
import type { StoreTx } from '../store/types.js';
import type { Clock } from '../util/clock.js';
import { isoTime } from '../util/clock.js';
import { type Duration, toMilliseconds } from '../util/duration.js';
import { LINKS_COLLECTION, type LinkRow, type LinkUse } from './link-collection.js';
import type { LinkPurpose, LinkPurposeRegistry } from './link-purposes.js';
import {
  formatLinkToken,
  type LinkTokenParts,
  newLinkTokenParts,
  parseLinkToken,
} from './link-token-format.js';

/** What `issue` needs: the purpose (declared with `ctx.links.purpose`) and the record the link is for. */
export interface IssueLinkOptions {
  purpose: string;
  /** The record the link opens (a ticket id, a subscription id); at most 200 characters. */
  recordId: string;
  /** Shorter than the purpose's ttl, when this link should expire sooner. */
  ttl?: Duration;
}

/** A link token as `issue` returns it: the token is shown this once and never stored. */
export interface IssuedLink {
  /** Put it in the URL: `https://crm.example.com/p/tickets/rate/<token>`. */
  token: string;
  /** The stored row's id (the token's lookup part): revoke by it without keeping the token. */
  id: string;
  purpose: string;
  recordId: string;
  use: LinkUse;
  expiresAt: string;
}

/** What a route expects of a token: its purpose, and the record when the route already knows it. */
export interface LinkExpectation {
  purpose: string;
  recordId?: string;
}

/** What a valid token grants: its purpose and record, and an actor to write with. */
export interface LinkGrant {
  id: string;
  purpose: string;
  recordId: string;
  use: LinkUse;
  expiresAt: string;
  /**
   * The actor of writes the link authorises: acts as the system (the token, not a role, is the
   * authority; the route decides what it may change) and is named `link:<id>` in the audit trail.
   */
  actor: Actor;
}

/**
 * Link tokens, resolved as `LINKS`: tokens bound to a purpose and a record, with an expiry,
 * single-use or reusable as the purpose says, for people who follow a link without an account.
 * Only an HMAC of each token is stored (keyed by a key derived from the server secret), compared
 * in constant time. A token that is malformed, unknown, expired, used, revoked, or for another
 * purpose or record is refused alike: `verify` and `consume` answer `undefined`, after the same
 * work, with no reason, so nothing can be told apart or enumerated.
 *
 * @example
 * ```ts
 * const links = ctx.resolve(LINKS);
 * const { token } = await links.issue({ purpose: 'tickets.csat', recordId: ticket.id });
 * // later, in the public route: single-use, so only the first of concurrent uses gets a grant
 * const grant = await links.consume(token, { purpose: 'tickets.csat' });
 * ```
 */
export interface LinkTokens {
  issue(options: IssueLinkOptions): Promise<IssuedLink>;
  /** Checks a token without using it up (a page that shows a form). */
  verify(token: string, expect: LinkExpectation): Promise<LinkGrant | undefined>;
  /**
   * Checks a token and, when its purpose is single-use, uses it up with a version-checked write:
   * of concurrent uses exactly one gets the grant. Inside a transaction it joins it, so the use
   * rolls back with the write it authorised. A reusable token is only checked.
   */
  consume(token: string, expect: LinkExpectation): Promise<LinkGrant | undefined>;
  /** Revokes one link by its token or id; false when there was none to revoke. */
  revoke(tokenOrId: string): Promise<boolean>;
  /** Revokes every unrevoked link of a purpose and record; returns how many. */
  revokeAll(filter: { purpose: string; recordId: string }): Promise<number>;
}

/** The `use` the link MACs are derived for. */
const LINK_MAC_USE = 'link-token';
const HASH_LENGTH = 32;
/** What an absent row is compared against, so an unknown token costs what a known one does. */
const ABSENT_HASH = Buffer.alloc(HASH_LENGTH);
const SWEEP_BATCH = 500;
/** Links are kept this long past their expiry before the sweep deletes them. */
const KEEP_EXPIRED_MS = 86_400_000;
const RECORD_ID = /^\P{Cc}{1,200}$/u;

interface LinkTokenDeps {
  runner: TransactionRunner;
  clock: Clock;
  secret: ServerSecret;
  purposes: LinkPurposeRegistry;
}

/** The kernel's {@link LinkTokens}. */
export class LinkTokenService implements LinkTokens {
  readonly #deps: LinkTokenDeps;

  constructor(deps: LinkTokenDeps) {
    this.#deps = deps;
  }

  async issue(options: IssueLinkOptions): Promise<IssuedLink> {
    const purpose = this.#purpose(options.purpose);
    if (typeof options.recordId !== 'string' || !RECORD_ID.test(options.recordId)) {
      throw new ValidationError('a link needs the id of its record', [
        {
          path: 'recordId',
          rule: 'format',
          message: 'must be 1 to 200 characters without control characters',
        },
      ]);
    }
    const ttlMs = options.ttl === undefined ? purpose.ttlMs : toMilliseconds(options.ttl);
    if (ttlMs > purpose.ttlMs) {
      throw new ValidationError(`links of '${purpose.id}' live at most ${purpose.ttlMs} ms`, [
        { path: 'ttl', rule: 'maximum', message: `must be at most the purpose's ttl (${purpose.ttlMs} ms)` },
      ]);
    }
    const { runner, clock, secret } = this.#deps;
    await secret.fresh();
    const now = clock.now();
    const at = isoTime(now);
    const expiresAt = isoTime(now + ttlMs);
    const kid = secret.keys()[0]?.kid as string;
    for (let attempt = 0; ; attempt += 1) {
      const parts = newLinkTokenParts(kid);
      const binding = { purpose: purpose.id, recordId: options.recordId, use: purpose.use, expiresAt };
      const row: LinkRow = {
        id: parts.lookup,
        createdAt: at,
        updatedAt: at,
        version: 1,
        ...binding,
        kid,
        hash: this.#mac(parts, binding).toString('base64url'),
      };
      try {
        await runner.run(async ({ tx }) => tx.insert(LINKS_COLLECTION, row));
      } catch (error) {
        // 72 random bits make a lookup clash all but impossible; one retry covers it.
        if (attempt === 0 && error instanceof RapportError && error.code === 'CONFLICT') continue;
        throw error;
      }
      return { token: formatLinkToken(parts), id: parts.lookup, ...binding };
    }
  }

  async verify(token: string, expect: LinkExpectation): Promise<LinkGrant | undefined> {
    const purpose = this.#purpose(expect.purpose);
    const parts = parseLinkToken(token);
    if (!parts) return undefined;
    await this.#deps.secret.knows(parts.kid);
    const row = await this.#deps.runner.read((tx) => readRow(tx, parts.lookup));
    return this.#grant(parts, row, purpose, expect.recordId);
  }

  async consume(token: string, expect: LinkExpectation): Promise<LinkGrant | undefined> {
    const purpose = this.#purpose(expect.purpose);
    const parts = parseLinkToken(token);
    if (!parts) return undefined;
    await this.#deps.secret.knows(parts.kid);
    const { runner, clock } = this.#deps;
    try {
      return await runner.run(async ({ tx }) => {
        const row = await readRow(tx, parts.lookup);
        const grant = this.#grant(parts, row, purpose, expect.recordId);
        if (!grant || !row || grant.use === 'reusable') return grant;
        const at = isoTime(clock.now());
        await tx.update(
          LINKS_COLLECTION,
          { ...row, usedAt: at, updatedAt: at, version: row.version + 1 },
          row.version,
        );
        return grant;
      });
    } catch (error) {
      // Another use of the same token committed first: this one is refused like any other.
      if (error instanceof RapportError && error.code === 'CONFLICT') return undefined;
      throw error;
    }
  }

  async revoke(tokenOrId: string): Promise<boolean> {
    const id = parseLinkToken(tokenOrId)?.lookup ?? tokenOrId;
    const { runner, clock } = this.#deps;
    return runner.run(async ({ tx }) => {
      const row = await readRow(tx, id);
      if (!row || row.revokedAt) return false;
      const at = isoTime(clock.now());
      await tx.update(
        LINKS_COLLECTION,
        { ...row, revokedAt: at, updatedAt: at, version: row.version + 1 },
        row.version,
      );
      return true;
    });
  }

  async revokeAll(filter: { purpose: string; recordId: string }): Promise<number> {
    this.#purpose(filter.purpose);
    const { runner, clock } = this.#deps;
    return runner.run(async ({ tx }) => {
      const at = isoTime(clock.now());
      let revoked = 0;
      let after: string | undefined;
      for (;;) {
        const rows = (await tx.find(LINKS_COLLECTION, {
          where: {
            kind: 'and',
            items: [
              { kind: 'cmp', field: 'purpose', op: 'eq', value: filter.purpose },
              { kind: 'cmp', field: 'recordId', op: 'eq', value: filter.recordId },
            ],
          },
          sort: [{ field: 'id', direction: 'asc' }],
          limit: SWEEP_BATCH,
          ...(after === undefined ? {} : { after: [after] }),
        })) as LinkRow[];
        for (const row of rows) {
          if (row.revokedAt) continue;
          await tx.update(
            LINKS_COLLECTION,
            { ...row, revokedAt: at, updatedAt: at, version: row.version + 1 },
            row.version,
          );
          revoked += 1;
        }
        if (rows.length < SWEEP_BATCH) return revoked;
        after = rows[rows.length - 1]?.id;
      }
    });
  }

  /** Deletes links that expired more than a day ago (the kernel runs it hourly); returns how many. */
  async sweep(): Promise<number> {
    const { runner, clock } = this.#deps;
    const before = isoTime(clock.now() - KEEP_EXPIRED_MS);
    return runner.run(({ tx }) => deleteExpiredRows(tx, LINKS_COLLECTION, 'expiresAt', before, SWEEP_BATCH));
  }

  #purpose(id: string): LinkPurpose {
    const purpose = this.#deps.purposes.get(id);
    if (!purpose) {
      const known = this.#deps.purposes.list().map((p) => p.id);
      throw new RapportError(
        'UNKNOWN_LINK_PURPOSE',
        `no plugin declared the link purpose '${id}' (declare it with ctx.links.purpose; known: ${known.join(', ') || 'none'})`,
        { details: { purpose: id } },
      );
    }
    return purpose;
  }

  /** The HMAC binding a token's secret part to its row's purpose, record, use and expiry. */
  #mac(
    parts: LinkTokenParts,
    binding: Pick<LinkRow, 'purpose' | 'recordId' | 'use' | 'expiresAt'>,
    kid?: string,
  ): Buffer {
    const material = JSON.stringify([
      parts.lookup,
      parts.secret,
      binding.purpose,
      binding.recordId,
      binding.use,
      binding.expiresAt,
    ]);
    const secret = this.#deps.secret;
    // An unknown key id still costs one MAC (under the current key), like a known one.
    const mac = secret.hmac(LINK_MAC_USE, material, kid) ?? secret.hmac(LINK_MAC_USE, material);
    return mac?.mac as Buffer;
  }

  /**
   * The grant of a token and its row, or `undefined`. Every check runs whatever the outcome: one
   * MAC, one constant-time comparison (against a zero hash when the row is absent), then one
   * decision, so every kind of refusal takes the same work.
   */
  #grant(
    parts: LinkTokenParts,
    row: LinkRow | undefined,
    purpose: LinkPurpose,
    recordId: string | undefined,
  ): LinkGrant | undefined {
    const binding = row ?? { purpose: '', recordId: '', use: 'single' as const, expiresAt: '' };
    const computed = this.#mac(parts, binding, parts.kid);
    const stored = row ? Buffer.from(row.hash, 'base64url') : ABSENT_HASH;
    const sameLength = stored.length === HASH_LENGTH;
    const macMatches = timingSafeEqual(sameLength ? stored : ABSENT_HASH, computed) && sameLength;
    const now = isoTime(this.#deps.clock.now());
    const checks = [
      macMatches,
      row !== undefined,
      row?.kid === parts.kid,
      binding.purpose === purpose.id,
      recordId === undefined || binding.recordId === recordId,
      binding.expiresAt > now,
      !row?.revokedAt,
      binding.use === 'reusable' || !row?.usedAt,
    ];
    if (!checks.every(Boolean) || !row) return undefined;
    return {
      id: row.id,
      purpose: row.purpose,
      recordId: row.recordId,
      use: row.use,
      expiresAt: row.expiresAt,
      actor: {
        id: `link:${row.id}`,
        kind: 'system',
        roles: [],
        attributes: { linkId: row.id, purpose: row.purpose, recordId: row.recordId },
      },
    };
  }
}

async function readRow(tx: StoreTx, id: string): Promise<LinkRow | undefined> {
  return (await tx.get(LINKS_COLLECTION, id)) as LinkRow | undefined;
}
