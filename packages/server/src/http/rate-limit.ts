/** A rate: `limit` requests per `windowMs`, of which up to `burst` may come at once. */
export interface RateLimitPolicy {
  /** Requests allowed per window, sustained. */
  limit: number;
  /** The window in milliseconds (default 60 000). */
  windowMs?: number;
  /** Requests allowed back to back before the sustained rate applies (default `limit`). */
  burst?: number;
}

/** The answer of {@link RateLimiter.take}. */
export interface RateDecision {
  allowed: boolean;
  /** The policy's sustained limit per window (for `RateLimit-Limit`). */
  limit: number;
  /** Requests still allowed right now. */
  remaining: number;
  /** Seconds until the allowance is full again (for `RateLimit-Reset`). */
  resetSeconds: number;
  /** For a refusal: whole seconds until a request would be allowed (for `Retry-After`). */
  retryAfterSeconds: number;
  /** `RateLimit-Policy`, e.g. `100;w=60;burst=20`. */
  policy: string;
}

/**
 * A per-key rate limiter in process memory, by the generic cell rate algorithm (GCRA): each key
 * keeps one number, the time its allowance is next full, so a burst of `burst` requests passes
 * and then one request per `windowMs / limit`. Keys whose allowance is full again are forgotten,
 * so memory stays bounded by the keys active within a window (and `maxKeys` at most). Each
 * server process limits on its own: behind a load balancer of N processes a key gets up to N
 * times the rate.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter({ limit: 600, windowMs: 60_000, burst: 60 });
 * const decision = limiter.take(`key:${keyId}`, Date.now());
 * if (!decision.allowed) return tooManyRequests(decision.retryAfterSeconds);
 * ```
 */
export class RateLimiter {
  readonly #interval: number;
  readonly #tolerance: number;
  readonly #limit: number;
  readonly #policy: string;
  readonly #maxKeys: number;
  readonly #full = new Map<string, number>();

  constructor(policy: RateLimitPolicy, options: { maxKeys?: number } = {}) {
    const windowMs = policy.windowMs ?? 60_000;
    const burst = policy.burst ?? policy.limit;
    for (const [name, value] of [
      ['limit', policy.limit],
      ['windowMs', windowMs],
      ['burst', burst],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`rate limit: ${name} must be a positive integer, got ${String(value)}`);
      }
    }
    this.#limit = policy.limit;
    this.#interval = windowMs / policy.limit;
    this.#tolerance = this.#interval * burst;
    this.#policy = `${policy.limit};w=${Math.ceil(windowMs / 1000)};burst=${burst}`;
    this.#maxKeys = options.maxKeys ?? 100_000;
  }

  /** Counts one request of `key` at `now` (epoch ms) and says whether it may go ahead. */
  take(key: string, now: number): RateDecision {
    const fullAt = Math.max(this.#full.get(key) ?? now, now);
    const next = fullAt + this.#interval;
    const allowed = next - now <= this.#tolerance;
    if (allowed) {
      if (!this.#full.has(key) && this.#full.size >= this.#maxKeys) this.#forgetIdle(now);
      this.#full.set(key, next);
    }
    const debt = (allowed ? next : fullAt) - now;
    return {
      allowed,
      limit: this.#limit,
      remaining: Math.max(0, Math.floor((this.#tolerance - debt) / this.#interval)),
      resetSeconds: Math.ceil(debt / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((next - this.#tolerance - now) / 1000)),
      policy: this.#policy,
    };
  }

  /** How many keys it holds (for tests and the readiness details). */
  get size(): number {
    return this.#full.size;
  }

  /** Drops keys whose allowance is full again; when none is, the oldest half. */
  #forgetIdle(now: number): void {
    for (const [key, fullAt] of this.#full) if (fullAt <= now) this.#full.delete(key);
    if (this.#full.size < this.#maxKeys) return;
    let drop = Math.ceil(this.#full.size / 2);
    for (const key of this.#full.keys()) {
      if (drop-- <= 0) break;
      this.#full.delete(key);
    }
  }
}

/**
 * The `RateLimit-*` headers of a decision (IETF draft `RateLimit-Limit`, `-Remaining`, `-Reset`,
 * `-Policy`), plus `Retry-After` on a refusal.
 */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(decision.resetSeconds),
    'ratelimit-policy': decision.policy,
    ...(decision.allowed ? {} : { 'retry-after': String(decision.retryAfterSeconds) }),
  };
}
