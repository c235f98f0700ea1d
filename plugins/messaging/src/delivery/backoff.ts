/** The delay before retry `attempt` (1 = the first retry): `base` doubled per attempt, at most `max`. */
export function retryDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);
}
