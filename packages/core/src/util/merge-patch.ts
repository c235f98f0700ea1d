import { isJsonObject, setOwn } from './json-object.js';

/**
 * Applies a JSON Merge Patch (RFC 7396): objects merge recursively, `null` removes a field,
 * anything else replaces. Returns a new object; neither input is changed.
 */
export function applyMergePatch(
  target: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  // Built key by key, never `delete`d from: a deleted property turns a V8 object into a slow
  // dictionary, and every later read of the record (validation, hooks, the store) pays for it.
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(target)) {
    if (patch[key] !== null) setOwn(result, key, target[key]);
  }
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) continue;
    if (isJsonObject(value)) {
      const current = result[key];
      setOwn(result, key, applyMergePatch(isJsonObject(current) ? current : {}, value));
    } else {
      setOwn(result, key, value);
    }
  }
  return result;
}
