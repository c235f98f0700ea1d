/**
 * The delay before the retry after failed attempt `attempt` (1 = after the first failure):
 * `base · 2^(attempt−1)`, at most `max`, of which a random half is taken off ("equal jitter"), so
 * receivers coming back after an outage are not hit by every sender at the same instant.
 * `random` is a number in [0, 1).
 *
 * @example
 * ```ts
 * retryDelay(3, 30_000, 21_600_000, Math.random()); // between 60 s and 120 s
 * ```
 */
export function retryDelay(attempt: number, baseMs: number, maxMs: number, random: number): number {
  const ceiling = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
