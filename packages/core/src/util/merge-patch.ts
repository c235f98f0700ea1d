import { isJsonObject } from './json-object.js';

/**
 * Applies a JSON Merge Patch (RFC 7396): objects merge recursively, `null` removes a field,
 * anything else replaces. Returns a new object; neither input is changed.
 */
export function applyMergePatch(
  target: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else if (isJsonObject(value)) {
      const current = result[key];
      result[key] = applyMergePatch(isJsonObject(current) ? current : {}, value);
    } else {
      result[key] = value;
    }
  }
  return result;
}

/** Is `value` a plain JSON object (not null, not an array)? */
