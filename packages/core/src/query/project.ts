import { cloneJson } from '../util/clone-json.js';
import { isJsonObject, setOwn } from '../util/json-object.js';
import { getPath } from './field-path.js';

/**
 * Keeps only the given dotted paths of a record, rebuilding nested objects
 * (`['id', 'amount.currency']` → `{ id, amount: { currency } }`); missing paths are omitted.
 * Without `fields`, returns the record itself. The result never shares objects with the input.
 *
 * @example
 * ```ts
 * projectFields({ id: '1', name: 'A', amount: { amount: 5, currency: 'EUR' } }, ['id', 'amount.currency']);
 * // { id: '1', amount: { currency: 'EUR' } }
 * ```
 */
export function projectFields<T>(record: T, fields: string[] | undefined): Partial<T> {
  if (fields === undefined) return record;
  const result: Record<string, unknown> = {};
  for (const path of fields) {
    const value = getPath(record, path);
    if (value === undefined) continue;
    const keys = path.split('.');
    const last = keys.pop() as string;
    let target = result;
    for (const key of keys) {
      const next = Object.hasOwn(target, key) ? target[key] : undefined;
      if (isJsonObject(next)) {
        target = next;
      } else {
        const created: Record<string, unknown> = {};
        setOwn(target, key, created);
        target = created;
      }
    }
    setOwn(target, last, cloneJson(value));
  }
  return result as Partial<T>;
}
