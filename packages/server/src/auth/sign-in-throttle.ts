import type { FieldError } from '@rapport/core';
import { RateLimiter, type RateLimitPolicy, rateLimitPolicyProblems } from '../http/rate-limit.js';

/** The `signInThrottle` option of `createServer`: how many failed sign-ins each limit allows. */
export interface SignInThrottleOptions {
  /** Failed attempts per e-mail address (known or not, so the limit tells no account apart). */
  perAccount?: RateLimitPolicy;
  /** Failed attempts per client address (an IPv6 client by its /64). */
  perClient?: RateLimitPolicy;
}

/**
 * Five wrong passwords in a row for one address, then one try every 90 s (10 per 15 minutes);
 * twenty from one client, then one every 9 s (100 per 15 minutes), for an office behind one address.
 */
export const DEFAULT_SIGN_IN_THROTTLE: Readonly<Required<SignInThrottleOptions>> = Object.freeze({
  perAccount: { limit: 10, windowMs: 900_000, burst: 5 },
  perClient: { limit: 100, windowMs: 900_000, burst: 20 },
});

/** Field errors of a `signInThrottle` option; empty when usable. */
export function signInThrottleProblems(options: SignInThrottleOptions | undefined): FieldError[] {
  const errors: FieldError[] = [];
  for (const name of ['perAccount', 'perClient'] as const) {
    const policy = options?.[name];
    if (policy === undefined) continue;
    for (const problem of rateLimitPolicyProblems(policy, `signInThrottle.${name}`)) {
      errors.push({ ...problem, rule: 'rateLimit' });
    }
  }
  return errors;
}

/**
 * Counts failed sign-ins per account and per client (GCRA, in process memory, like the API rate
 * limits: behind N processes an attacker gets up to N times the allowance). An attempt is refused
 * before its password is checked when either count is used up, so a throttled guess costs the
 * server nothing and learns nothing; a successful sign-in clears its account's count.
 */
export class SignInThrottle {
  readonly #perAccount: RateLimiter;
  readonly #perClient: RateLimiter;

  constructor(options: SignInThrottleOptions = {}) {
    this.#perAccount = new RateLimiter(options.perAccount ?? DEFAULT_SIGN_IN_THROTTLE.perAccount);
    this.#perClient = new RateLimiter(options.perClient ?? DEFAULT_SIGN_IN_THROTTLE.perClient);
  }

  /** Seconds to wait before another attempt, or `0` when one may be made now. */
  retryAfter(account: string, client: string, now: number): number {
    const byAccount = this.#perAccount.peek(account, now);
    const byClient = this.#perClient.peek(client, now);
    return Math.max(byAccount.retryAfterSeconds, byClient.retryAfterSeconds);
  }

  /** Counts a failed attempt against both. */
  failed(account: string, client: string, now: number): void {
    this.#perAccount.take(account, now);
    this.#perClient.take(client, now);
  }

  /**
   * Seconds a client waits before another attempt where no account is named (a provider sign-in's
   * callback), or `0`: only the client's count applies.
   */
  clientRetryAfter(client: string, now: number): number {
    return this.#perClient.peek(client, now).retryAfterSeconds;
  }

  /** Counts a failed attempt that named no account against the client. */
  clientFailed(client: string, now: number): void {
    this.#perClient.take(client, now);
  }

  /** A successful sign-in: the account's failures are forgiven (the client's stay counted). */
  succeeded(account: string): void {
    this.#perAccount.reset(account);
  }
}
