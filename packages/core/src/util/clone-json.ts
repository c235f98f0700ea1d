import { isPlainObject, setOwn } from './json-object.js';

/**
 * Deep-copies JSON data (plain objects, arrays, strings, numbers, booleans, `null`) several times
 * faster than `structuredClone` on Node 20. Anything else inside (a `Date`, a `Map`...) is copied
 * by `structuredClone`, so nothing is lost.
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i += 1) out[i] = cloneJson(value[i]);
    return out as T;
  }
  if (!isPlainObject(value)) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(out, key, cloneJson((value as Record<string, unknown>)[key]));
  return out as T;
}
