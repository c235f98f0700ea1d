/**
 * Whether an event name matches a subscription's pattern: names match themselves; `*` stands for
 * one name segment (`sales.*.won`), and as the last segment for one or more (`sales.*` matches
 * `sales.deal.won`); a lone `*` matches every event.
 *
 * @example
 * ```ts
 * matchesEvent('sales.deal.*', 'sales.deal.won'); // true
 * matchesEvent('sales.deal.*', 'sales.order.placed'); // false
 * ```
 */
export function matchesEvent(pattern: string, name: string): boolean {
  if (pattern === name || pattern === '*') return true;
  const want = pattern.split('.');
  const have = name.split('.');
  for (let i = 0; i < want.length; i += 1) {
    const part = want[i];
    if (i === want.length - 1 && part === '*') return have.length > i;
    if (i >= have.length) return false;
    if (part !== '*' && part !== have[i]) return false;
  }
  return want.length === have.length;
}

/** Whether any of the patterns matches the event name. */
export const matchesAny = (patterns: readonly string[], name: string): boolean =>
  patterns.some((pattern) => matchesEvent(pattern, name));
