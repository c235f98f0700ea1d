/** Reads one field path of a record. */
export type PathReader = (record: unknown) => unknown;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Compiles a dotted field path into a reader that answers exactly as `getPath` from
 * `@rapport/core` (own properties only, never into arrays), without splitting the path on every
 * call: indexes read their fields for every record they hold.
 */
export function pathReader(path: string): PathReader {
  const keys = path.split('.');
  if (keys.length === 1) {
    const key = keys[0] as string;
    return (record) => (isPlainObject(record) && Object.hasOwn(record, key) ? record[key] : undefined);
  }
  return (record) => {
    let current: unknown = record;
    for (const key of keys) {
      if (!isPlainObject(current) || !Object.hasOwn(current, key)) return undefined;
      current = current[key];
    }
    return current;
  };
}
