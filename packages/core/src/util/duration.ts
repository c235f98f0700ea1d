const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration: milliseconds, or a string such as `'500ms'`, `'30s'`, `'5m'`, `'1h'`, `'7d'`. */
export type Duration = number | `${number}${'ms' | 's' | 'm' | 'h' | 'd'}`;

/**
 * Converts a {@link Duration} (or a string such as an option's value) to milliseconds; throws a
 * `RangeError` naming the input when it
 * is not a positive duration.
 */
export function toMilliseconds(duration: Duration | string): number {
  if (typeof duration === 'number') {
    if (Number.isFinite(duration) && duration > 0) return duration;
  } else {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(duration);
    const unit = match ? UNIT_MS[match[2] as string] : undefined;
    if (match && unit !== undefined) {
      const ms = Number(match[1]) * unit;
      if (ms > 0) return ms;
    }
  }
  throw new RangeError(`'${String(duration)}' is not a positive duration (use e.g. 500ms, 30s, 5m, 1h, 7d)`);
}
