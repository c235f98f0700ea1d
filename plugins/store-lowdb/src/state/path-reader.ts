import { isJsonObject } from '@rapport/core';
/** Reads one field path of a record. */
export type PathReader = (record: unknown) => unknown;

/**
 * Compiles a dotted field path into a reader that answers exactly as `getPath` from
 * `@rapport/core` (own properties only, never into arrays), without splitting the path on every
 * call: indexes read their fields for every record they hold.
 */
export function pathReader(path: string): PathReader {
  const keys = path.split('.');
  if (keys.length === 1) {
    const key = keys[0] as string;
    return (record) => (isJsonObject(record) && Object.hasOwn(record, key) ? record[key] : undefined);
  }
  return (record) => {
    let current: unknown = record;
    for (const key of keys) {
      if (!isJsonObject(current) || !Object.hasOwn(current, key)) return undefined;
      current = current[key];
    }
    return current;
  };
}
