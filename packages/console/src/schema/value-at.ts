/** The value at a dotted path of a record (`objective.city`), or undefined when a step is missing. */
export function valueAt(record: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((at, step) => (at as Record<string, unknown> | undefined)?.[step], record);
}
