import { describe, expect, it } from 'vitest';
import { RateLimiter, rateLimitHeaders } from './rate-limit.js';

describe('RateLimiter', () => {
  it('lets a burst through, then the sustained rate, and says when to retry', () => {
    const limiter = new RateLimiter({ limit: 60, windowMs: 60_000, burst: 5 });
    const t0 = 1_000_000;
    const first = [1, 2, 3, 4, 5].map(() => limiter.take('k', t0));
    expect(first.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 4],
      [true, 3],
      [true, 2],
      [true, 1],
      [true, 0],
    ]);
    const refused = limiter.take('k', t0);
    expect(refused).toMatchObject({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 1,
      policy: '60;w=60;burst=5',
    });
    // One request per second is the sustained rate.
    expect(limiter.take('k', t0 + 999).allowed).toBe(false);
    expect(limiter.take('k', t0 + 1_000).allowed).toBe(true);
    expect(limiter.take('k', t0 + 1_000).allowed).toBe(false);
    // Other keys are counted apart.
    expect(limiter.take('other', t0).remaining).toBe(4);
  });

  it('admits exactly limit requests per window at the sustained rate over a long run', () => {
    // Requests every 7 ms for 10 s: 10 per second get through, plus the burst of 2 at the start.
    const limiter = new RateLimiter({ limit: 10, windowMs: 1_000, burst: 2 });
    let allowed = 0;
    for (let now = 0; now < 10_000; now += 7) if (limiter.take('k', now).allowed) allowed += 1;
    expect(allowed).toBeGreaterThanOrEqual(100);
    expect(allowed).toBeLessThanOrEqual(102);
  });

  it('forgets idle keys so memory stays bounded', () => {
    const limiter = new RateLimiter({ limit: 10, windowMs: 1_000 }, { maxKeys: 100 });
    for (let i = 0; i < 100; i += 1) limiter.take(`a${i}`, 0);
    expect(limiter.size).toBe(100);
    // A second later every allowance is full again: a new key evicts them.
    limiter.take('late', 2_000);
    expect(limiter.size).toBe(1);
    // When none is idle, the oldest half goes.
    for (let i = 0; i < 150; i += 1) limiter.take(`b${i}`, 2_000);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });

  it('refuses a policy that is not positive integers', () => {
    expect(() => new RateLimiter({ limit: 0 })).toThrow('limit must be a positive integer');
    expect(() => new RateLimiter({ limit: 5, burst: 1.5 })).toThrow('burst must be a positive integer');
  });

  it('writes the RateLimit headers, and Retry-After on a refusal', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 10_000 });
    expect(rateLimitHeaders(limiter.take('k', 0))).toEqual({
      'ratelimit-limit': '2',
      'ratelimit-remaining': '1',
      'ratelimit-reset': '5',
      'ratelimit-policy': '2;w=10;burst=2',
    });
    limiter.take('k', 0);
    expect(rateLimitHeaders(limiter.take('k', 0))).toMatchObject({
      'retry-after': '5',
      'ratelimit-remaining': '0',
    });
  });
});

describe('RateLimiter.peek and reset', () => {
  it('answers what take would without counting, and reset gives the allowance back', () => {
    const limiter = new RateLimiter({ limit: 10, windowMs: 60_000, burst: 2 });
    const t0 = 5_000_000;
    expect(limiter.peek('k', t0)).toMatchObject({ allowed: true, remaining: 2 });
    expect(limiter.peek('k', t0)).toMatchObject({ allowed: true, remaining: 2 });
    limiter.take('k', t0);
    limiter.take('k', t0);
    expect(limiter.peek('k', t0)).toMatchObject({ allowed: false, retryAfterSeconds: 6 });
    expect(limiter.take('k', t0).allowed).toBe(false);
    expect(limiter.peek('k', t0 + 6_000).allowed).toBe(true);
    limiter.reset('k');
    expect(limiter.peek('k', t0)).toMatchObject({ allowed: true, remaining: 2 });
    expect(limiter.size).toBe(0);
  });
});
