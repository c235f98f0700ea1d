import { createHash } from 'node:crypto';
import { deleteExpiredRows } from '../data/sweep-expired.js';
import type { TransactionRunner } from '../data/transaction-runner.js';
import { RapportError } from '../errors.js';
import type { StoreTx } from '../store/types.js';
import type { Clock } from '../util/clock.js';
import { isoTime } from '../util/clock.js';
import {
  IDEMPOTENCY_COLLECTION,
  type IdempotencyRow,
  MAX_IDEMPOTENT_RESULT,
} from './idempotency-collection.js';

/** One use of an idempotency key. */
export interface IdempotentRequest {
  /** Whose key it is (an actor id): keys of different callers never meet. */
  scope: string;
  /** The key the caller chose, 1 to 255 characters. */
  key: string;
  /** A hash of what was asked (method, path, body...): the same key for another request is refused. */
  fingerprint: string;
  /** How long the first result is kept for retries, in milliseconds. */
  ttlMs: number;
}

/** What the work of a first request answers: its result, and whether to keep it for retries. */
export interface IdempotentWork<R> {
  /**
   * Keep the result and commit the work. False for a failed request: its writes roll back and
   * nothing is kept, so a retry with the same key runs again.
   */
  keep: boolean;
  result: R;
}

/** What {@link IdempotencyKeys.once} answers. */
export interface IdempotentAnswer<R> {
  /** True when `result` is the kept result of an earlier request. */
  replayed: boolean;
  result: R;
}

/**
 * Idempotency keys, resolved as `IDEMPOTENCY`: a caller retrying a write with the same key gets
 * the first result instead of a second write. The work runs in one transaction with the key's
 * row, so the write and the kept result commit together (a crash loses neither without the
 * other). Concurrent uses of one key serialise on that row: on the embedded stores transactions
 * run one at a time, and on PostgreSQL the second insert of the row waits for the first
 * transaction and then replays its result — exactly one write either way.
 *
 * @example
 * ```ts
 * const { replayed, result } = await kernel.resolve(IDEMPOTENCY).once(
 *   { scope: actor.id, key, fingerprint: hashOf(request), ttlMs: 86_400_000 },
 *   async () => ({ keep: true, result: await messaging.send(request) }),
 * );
 * ```
 */
export interface IdempotencyKeys {
  once<R>(request: IdempotentRequest, work: () => Promise<IdempotentWork<R>>): Promise<IdempotentAnswer<R>>;
  /** Deletes the rows of keys whose window has passed (the kernel runs it hourly); returns how many. */
  sweep(): Promise<number>;
}

/** The same key was first used for another request. */
export class IdempotencyKeyReusedError extends RapportError {
  constructor() {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      'this Idempotency-Key was already used for a different request; use a new key for a new request',
      { details: { field: 'Idempotency-Key', rule: 'reused' } },
    );
  }
}

/** The first result was too large to keep, so a retry cannot be answered with it. */
export class IdempotentResultUnavailableError extends RapportError {
  constructor() {
    super(
      'IDEMPOTENCY_RESULT_UNAVAILABLE',
      `the request with this Idempotency-Key succeeded, but its answer was larger than ${MAX_IDEMPOTENT_RESULT} characters and was not kept; read the record instead of retrying`,
      { details: { field: 'Idempotency-Key', rule: 'resultTooLarge' } },
    );
  }
}

/** Thrown inside the transaction to roll back work that is not to be kept. */
class Discard<R> {
  constructor(readonly result: R) {}
}

const SWEEP_BATCH = 500;

/** The id of a key's row: a hash of scope and key, so any key maps to a bounded id. */
export function idempotencyRowId(scope: string, key: string): string {
  return createHash('sha256').update(scope).update('\u0000').update(key).digest('base64url');
}

interface IdempotencyDeps {
  runner: TransactionRunner;
  clock: Clock;
}

/** The kernel's {@link IdempotencyKeys}. */
export class IdempotencyService implements IdempotencyKeys {
  readonly #deps: IdempotencyDeps;

  constructor(deps: IdempotencyDeps) {
    this.#deps = deps;
  }

  async once<R>(
    request: IdempotentRequest,
    work: () => Promise<IdempotentWork<R>>,
  ): Promise<IdempotentAnswer<R>> {
    if (this.#deps.runner.current()) {
      throw new TypeError('IdempotencyKeys.once runs its own transaction: call it outside one');
    }
    const id = idempotencyRowId(request.scope, request.key);
    // Two rounds at most: a lost race on the row's insert means another transaction holds or held
    // it; once that one finished, the row is either there (replay it) or rolled back (run again).
    for (let round = 0; ; round += 1) {
      let claimed = false;
      try {
        return await this.#deps.runner.run(async ({ tx }) => {
          const kept = await this.#live(tx, id, request);
          if (kept) return kept as IdempotentAnswer<R>;
          const now = this.#deps.clock.now();
          const row: IdempotencyRow = {
            id,
            createdAt: isoTime(now),
            updatedAt: isoTime(now),
            version: 1,
            scope: request.scope,
            fingerprint: request.fingerprint,
            expiresAt: isoTime(now + request.ttlMs),
          };
          await tx.insert(IDEMPOTENCY_COLLECTION, row);
          claimed = true;
          const outcome = await work();
          if (!outcome.keep) throw new Discard(outcome.result);
          const text = JSON.stringify(outcome.result) ?? 'null';
          await tx.update(
            IDEMPOTENCY_COLLECTION,
            {
              ...row,
              version: 2,
              ...(text.length <= MAX_IDEMPOTENT_RESULT ? { result: text } : {}),
            },
            1,
          );
          return { replayed: false, result: outcome.result };
        });
      } catch (error) {
        if (error instanceof Discard) return { replayed: false, result: error.result as R };
        const lostRace = !claimed && error instanceof RapportError && error.code === 'CONFLICT';
        if (!lostRace || round > 0) throw error;
      }
    }
  }

  /** The kept answer of a live row for this key, or undefined when there is none (an expired one is removed). */
  async #live(
    tx: StoreTx,
    id: string,
    request: IdempotentRequest,
  ): Promise<IdempotentAnswer<unknown> | undefined> {
    const row = (await tx.get(IDEMPOTENCY_COLLECTION, id)) as IdempotencyRow | undefined;
    if (!row) return undefined;
    if (Date.parse(row.expiresAt) <= this.#deps.clock.now()) {
      await tx.delete(IDEMPOTENCY_COLLECTION, id, row.version);
      return undefined;
    }
    if (row.fingerprint !== request.fingerprint) throw new IdempotencyKeyReusedError();
    if (row.result === undefined) throw new IdempotentResultUnavailableError();
    return { replayed: true, result: JSON.parse(row.result) };
  }

  async sweep(): Promise<number> {
    const { runner, clock } = this.#deps;
    const before = isoTime(clock.now());
    return runner.run(({ tx }) =>
      deleteExpiredRows(tx, IDEMPOTENCY_COLLECTION, 'expiresAt', before, SWEEP_BATCH),
    );
  }
}
