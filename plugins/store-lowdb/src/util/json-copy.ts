import { isPlainObject, StoreError, setOwn } from '@rapport/core';

/** Deepest nesting a stored record may have; deeper values (or cycles) are refused. */
const MAX_DEPTH = 200;

function refuse(what: string, path: string, found: string): never {
  const where = path === '' ? '' : ` at ${path}`;
  throw new StoreError(
    'INVALID',
    `${what} cannot be stored: it holds ${found}${where}, which is not JSON data`,
    {
      details: { path, found },
    },
  );
}

function copyChecked(value: unknown, what: string, path: string, depth: number): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) refuse(what, path, String(value));
    return value;
  }
  if (typeof value !== 'object') refuse(what, path, `a ${typeof value}`);
  if (depth >= MAX_DEPTH) refuse(what, path, `more than ${MAX_DEPTH} levels of nesting (or a cycle)`);
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      if (item === undefined) refuse(what, `${path}[${i}]`, 'undefined');
      out[i] = copyChecked(item, what, `${path}[${i}]`, depth + 1);
    }
    return out;
  }
  if (!isPlainObject(value)) refuse(what, path, `an instance of ${value.constructor?.name ?? 'a class'}`);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue; // JSON drops it, and queries treat it as missing
    setOwn(out, key, copyChecked(item, what, path === '' ? key : `${path}.${key}`, depth + 1));
  }
  return out;
}

/**
 * Copies a value that is about to be stored, checking that it is JSON data: finite numbers,
 * strings, booleans, `null`, arrays and plain objects. Object keys holding `undefined` are dropped
 * (JSON would drop them too); anything else (`Date`, `Map`, `NaN`, functions, cycles...) is a
 * `StoreError('INVALID')` naming the path, so what is read back always equals what was written.
 *
 * @param what names the value in the error message (`customer 42`).
 */
export function copyForStorage<T>(value: T, what: string): T {
  return copyChecked(value, what, '', 0) as T;
}
