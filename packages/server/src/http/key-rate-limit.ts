import type { AccessView, Actor, Clock, FieldError } from '@rapport/core';
import type { MiddlewareHandler } from 'hono';
import type { RapportEnv } from './env.js';
import { HttpProblem } from './problem.js';
import { RateLimiter, type RateLimitPolicy, rateLimitPolicyProblems } from './rate-limit.js';

/** A key's choice of policy: a name from `policies`, `'default'` (the top-level policy) or `'off'`. */
export type RateLimitChoice = 'default' | 'off' | (string & {});

/**
 * Rate limits per API key (the `rateLimit` option of `createServer`): the top-level policy
 * applies to every key but admin keys, unless a role or the key itself chooses another.
 *
 * @example
 * ```ts
 * createServer(kernel, {
 *   rateLimit: {
 *     limit: 1200, windowMs: 60_000, burst: 200,           // every key but admins
 *     policies: { bulk: { limit: 12_000, burst: 1_000 } },  // for importers
 *     roles: { integration: 'bulk', admin: 'default' },     // admins limited too
 *   },
 * });
 * // A single key: `rapport keys create --attr rateLimit=bulk` (or `off`, `default`).
 * ```
 */
export interface ApiRateLimitOptions extends RateLimitPolicy {
  /** Named policies a role or a key may choose instead of the top-level one. */
  policies?: Record<string, RateLimitPolicy>;
  /**
   * The policy of each role: a name from `policies`, `'default'` or `'off'`. A key with several
   * such roles gets the most generous one (`off`, then the highest sustained rate). Admin roles
   * (`admin` and every role granting `*:*`) are `'off'` unless named here.
   */
  roles?: Record<string, RateLimitChoice>;
  /** Most keys one policy remembers (default 100 000); see {@link RateLimiter}. */
  maxKeys?: number;
}

/** The policy when `createServer` gets no `rateLimit`: 1 200 requests a minute, 200 at once. */
export const DEFAULT_API_RATE_LIMIT: ApiRateLimitOptions = Object.freeze({
  limit: 1_200,
  windowMs: 60_000,
  burst: 200,
});

/** The key attribute by which one key chooses its policy (`rateLimit=bulk`). */
export const RATE_LIMIT_ATTRIBUTE = 'rateLimit';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Field errors of a `rateLimit` option (`false` or {@link ApiRateLimitOptions}); empty when valid. */
export function rateLimitOptionProblems(value: unknown, path = 'rateLimit'): FieldError[] {
  if (value === undefined || value === false) return [];
  const errors: FieldError[] = [];
  const push = (problems: Array<{ path: string; message: string }>) => {
    for (const problem of problems) errors.push({ ...problem, rule: 'rateLimit' });
  };
  if (!isObject(value)) {
    push([{ path, message: 'must be false or { limit, windowMs?, burst?, policies?, roles? }' }]);
    return errors;
  }
  const known = ['limit', 'windowMs', 'burst', 'policies', 'roles', 'maxKeys'];
  for (const key of Object.keys(value)) {
    if (!known.includes(key))
      push([{ path: `${path}.${key}`, message: `is not an option (known: ${known.join(', ')})` }]);
  }
  push(rateLimitPolicyProblems(value, path));
  const policies = value.policies ?? {};
  if (!isObject(policies)) {
    push([{ path: `${path}.policies`, message: 'must map names to { limit, windowMs?, burst? }' }]);
  } else {
    for (const [name, policy] of Object.entries(policies)) {
      if (name === 'default' || name === 'off') {
        push([{ path: `${path}.policies.${name}`, message: `'${name}' is reserved; pick another name` }]);
      }
      push(rateLimitPolicyProblems(policy, `${path}.policies.${name}`));
    }
  }
  const names = isObject(policies) ? Object.keys(policies) : [];
  const roles = value.roles ?? {};
  if (!isObject(roles)) {
    push([{ path: `${path}.roles`, message: "must map role names to a policy name, 'default' or 'off'" }]);
  } else {
    for (const [role, choice] of Object.entries(roles)) {
      if (choice !== 'default' && choice !== 'off' && !names.includes(choice as string)) {
        push([
          {
            path: `${path}.roles.${role}`,
            message: `must be 'default', 'off' or a policy name (${names.join(', ') || 'none defined'}), got ${JSON.stringify(choice)}`,
          },
        ]);
      }
    }
  }
  const maxKeys = value.maxKeys;
  if (maxKeys !== undefined && (!Number.isInteger(maxKeys) || (maxKeys as number) < 1)) {
    push([{ path: `${path}.maxKeys`, message: `must be a positive integer, got ${String(maxKeys)}` }]);
  }
  return errors;
}

/** Requests per millisecond, sustained: how generous a policy is. */
const rateOf = (policy: RateLimitPolicy) => policy.limit / (policy.windowMs ?? 60_000);

/** Picks each key's limiter: one {@link RateLimiter} per policy, the choice cached per actor. */
class KeyPolicies {
  readonly #default: RateLimiter;
  readonly #named = new Map<string, { limiter: RateLimiter; rate: number; burst: number }>();
  readonly #roles = new Map<string, RateLimitChoice>();
  readonly #chosen = new WeakMap<Actor, RateLimiter | null>();

  constructor(options: ApiRateLimitOptions, access: AccessView) {
    const maxKeys = options.maxKeys === undefined ? {} : { maxKeys: options.maxKeys };
    this.#default = new RateLimiter(options, maxKeys);
    const policies: Record<string, RateLimitPolicy> = { ...options.policies, default: options };
    for (const [name, policy] of Object.entries(policies)) {
      this.#named.set(name, {
        limiter: name === 'default' ? this.#default : new RateLimiter(policy, maxKeys),
        rate: rateOf(policy),
        burst: policy.burst ?? policy.limit,
      });
    }
    for (const [role, permissions] of Object.entries(access.roles())) {
      if (role === 'admin' || permissions.includes('*:*')) this.#roles.set(role, 'off');
    }
    for (const [role, choice] of Object.entries(options.roles ?? {})) this.#roles.set(role, choice);
  }

  /** The limiter of an actor's key, or `null` when the key is not limited. */
  limiterOf(actor: Actor): RateLimiter | null {
    let limiter = this.#chosen.get(actor);
    if (limiter === undefined) {
      limiter = this.#choose(actor);
      this.#chosen.set(actor, limiter);
    }
    return limiter;
  }

  #choose(actor: Actor): RateLimiter | null {
    const own = actor.attributes?.[RATE_LIMIT_ATTRIBUTE];
    // A name no policy has falls back to the default: a typo never lifts the limit.
    if (typeof own === 'string') return own === 'off' ? null : this.#limiter(own);
    let best: { limiter: RateLimiter; rate: number; burst: number } | undefined;
    for (const role of actor.roles) {
      const choice = this.#roles.get(role);
      if (choice === undefined) continue;
      if (choice === 'off') return null;
      const named = this.#named.get(choice);
      if (
        named &&
        (!best || named.rate > best.rate || (named.rate === best.rate && named.burst > best.burst))
      )
        best = named;
    }
    return best?.limiter ?? this.#default;
  }

  #limiter(name: string): RateLimiter {
    return this.#named.get(name)?.limiter ?? this.#default;
  }
}

/**
 * Limits the requests of each API key (after `requireApiKey`): the decision goes on the context
 * as `rateLimit`, so every answer carries its `RateLimit-*` headers, and a key over its limit
 * gets a 429 `RATE_LIMITED` problem with `Retry-After`. Synchronous: no promise of its own, and
 * nothing allocated but the decision. Each process limits on its own.
 */
export function limitApiKeys(
  options: ApiRateLimitOptions,
  deps: { access: AccessView; clock: Clock },
): MiddlewareHandler<RapportEnv> {
  const policies = new KeyPolicies(options, deps.access);
  const { clock } = deps;
  return function apiKeyRateLimit(c, next) {
    const actor = c.get('actor');
    const limiter = policies.limiterOf(actor);
    if (limiter === null) return next();
    const keyId = actor.attributes?.keyId;
    const decision = limiter.take(typeof keyId === 'string' ? keyId : actor.id, clock.now());
    c.set('rateLimit', decision);
    if (!decision.allowed) {
      throw new HttpProblem(
        'RATE_LIMITED',
        `this API key is over its rate limit (${decision.policy}); retry in ${decision.retryAfterSeconds} s`,
        { details: { limit: decision.limit } },
      );
    }
    return next();
  };
}
