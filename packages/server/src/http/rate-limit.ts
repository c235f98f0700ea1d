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
  /** `limit` as header text (made once per policy). */
  limitText: string;
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
  readonly #limitText: string;
  readonly #policy: string;
  readonly #maxKeys: number;
  readonly #full = new Map<string, number>();

  constructor(policy: RateLimitPolicy, options: { maxKeys?: number } = {}) {
    const problem = rateLimitPolicyProblems(policy, '')[0];
    if (problem) throw new RangeError(`rate limit: ${problem.path} ${problem.message}`);
    const windowMs = policy.windowMs ?? 60_000;
    const burst = policy.burst ?? policy.limit;
    this.#limit = policy.limit;
    this.#limitText = String(policy.limit);
    this.#interval = windowMs / policy.limit;
    this.#tolerance = this.#interval * burst;
    this.#policy = `${policy.limit};w=${Math.ceil(windowMs / 1000)};burst=${burst}`;
    this.#maxKeys = options.maxKeys ?? 100_000;
  }

  /** Counts one request of `key` at `now` (epoch ms) and says whether it may go ahead. */
  take(key: string, now: number): RateDecision {
    return this.#decide(key, now, true);
  }

  /**
   * The decision {@link take} would make for `key` at `now`, without counting anything: for
   * limits that count only some requests (failed sign-ins), checked before the request runs.
   */
  peek(key: string, now: number): RateDecision {
    return this.#decide(key, now, false);
  }

  #decide(key: string, now: number, count: boolean): RateDecision {
    const stored = this.#full.get(key);
    const fullAt = stored === undefined || stored < now ? now : stored;
    const next = fullAt + this.#interval;
    const allowed = next - now <= this.#tolerance;
    const counted = allowed && count;
    if (counted) {
      if (stored === undefined && this.#full.size >= this.#maxKeys) this.#forgetIdle(now);
      this.#full.set(key, next);
    }
    const debt = (counted ? next : fullAt) - now;
    return {
      allowed,
      limit: this.#limit,
      limitText: this.#limitText,
      remaining: Math.max(0, Math.floor((this.#tolerance - debt) / this.#interval)),
      resetSeconds: Math.ceil(debt / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((next - this.#tolerance - now) / 1000)),
      policy: this.#policy,
    };
  }

  /** Forgets what `key` used: its full allowance is back (a successful sign-in clears its failures). */
  reset(key: string): void {
    this.#full.delete(key);
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

/** The largest `limit` and `burst` a policy may state, and its longest window (a day). */
export const RATE_LIMIT_BOUNDS = { maxCount: 1_000_000_000, maxWindowMs: 86_400_000 } as const;

/**
 * What is wrong with a rate-limit policy, one sentence per field (`<path>.limit must be ...`);
 * empty when it is valid. {@link RateLimiter} throws the first of them.
 */
export function rateLimitPolicyProblems(
  policy: unknown,
  path = 'rateLimit',
): Array<{ path: string; message: string }> {
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    return [{ path, message: 'must be an object { limit, windowMs?, burst? }' }];
  }
  const { limit, windowMs, burst } = policy as Record<string, unknown>;
  const problems: Array<{ path: string; message: string }> = [];
  const check = (name: string, value: unknown, max: number, required: boolean) => {
    if (value === undefined && !required) return;
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
      problems.push({
        path: path ? `${path}.${name}` : name,
        message: `must be a positive integer up to ${max}, got ${String(value)}`,
      });
    }
  };
  check('limit', limit, RATE_LIMIT_BOUNDS.maxCount, true);
  check('windowMs', windowMs, RATE_LIMIT_BOUNDS.maxWindowMs, false);
  check('burst', burst, RATE_LIMIT_BOUNDS.maxCount, false);
  return problems;
}

/**
 * Writes the `RateLimit-*` headers of a decision (IETF draft `RateLimit-Limit`, `-Remaining`,
 * `-Reset`, `-Policy`), plus `Retry-After` on a refusal, into `target`: the response builder
 * calls it on the header object it is making, so no object is allocated for them.
 */
export function setRateLimitHeaders(target: Record<string, string>, decision: RateDecision): void {
  target['ratelimit-limit'] = decision.limitText;
  target['ratelimit-remaining'] = String(decision.remaining);
  target['ratelimit-reset'] = String(decision.resetSeconds);
  target['ratelimit-policy'] = decision.policy;
  if (!decision.allowed) target['retry-after'] = String(decision.retryAfterSeconds);
}

/**
 * The `RateLimit-*` headers of a decision (IETF draft `RateLimit-Limit`, `-Remaining`, `-Reset`,
 * `-Policy`), plus `Retry-After` on a refusal.
 */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  const headers: Record<string, string> = {};
  setRateLimitHeaders(headers, decision);
  return headers;
}
