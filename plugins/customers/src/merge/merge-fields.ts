import type { Customer } from '../entities/customer.js';

/** Top-level fields the survivor takes over when it has none. */
const FILL_FIELDS = ['ownerId', 'source', 'phone', 'email'] as const;
/** Nested profile objects merged key by key. */
const PROFILE_OBJECTS = ['objective', 'subjective'] as const;
/** List fields merged as a union (survivor's items first). */
const LIST_MAX = 50;

function union(a: string[] | undefined, b: string[] | undefined): string[] {
  return [...new Set([...(a ?? []), ...(b ?? [])])].slice(0, LIST_MAX);
}

/**
 * What the survivor of a merge takes from the merged customer: the survivor wins every field
 * it has; blanks are filled from the merged record (owner, source, phone, e-mail, each key of the
 * objective and subjective profiles); lists (tags, preferences, interests, habits) become the
 * union; `acquiredAt` becomes the earlier of the two (the relationship began with whichever
 * record is older). Computed fields are not merged: they are recomputed from the moved value.
 *
 * @returns the merge patch for the survivor and the dotted paths it fills.
 */
export function mergeProfiles(
  survivor: Customer,
  merged: Customer,
): { patch: Partial<Customer>; filled: string[] } {
  const patch: Partial<Customer> = {};
  const filled: string[] = [];
  for (const field of FILL_FIELDS) {
    if (survivor[field] === undefined && merged[field] !== undefined) {
      (patch as Record<string, unknown>)[field] = merged[field];
      filled.push(field);
    }
  }
  for (const field of PROFILE_OBJECTS) {
    const mine = (survivor[field] ?? {}) as Record<string, unknown>;
    const theirs = (merged[field] ?? {}) as Record<string, unknown>;
    const next: Record<string, unknown> = { ...mine };
    for (const [key, value] of Object.entries(theirs)) {
      if (Array.isArray(value) && Array.isArray(mine[key])) {
        const joined = union(mine[key] as string[], value as string[]);
        if (joined.length !== (mine[key] as string[]).length) {
          next[key] = joined;
          filled.push(`${field}.${key}`);
        }
      } else if (mine[key] === undefined) {
        next[key] = value;
        filled.push(`${field}.${key}`);
      }
    }
    if (filled.some((path) => path.startsWith(`${field}.`))) (patch as Record<string, unknown>)[field] = next;
  }
  const tags = union(survivor.tags, merged.tags);
  if (tags.length !== (survivor.tags ?? []).length) {
    patch.tags = tags;
    filled.push('tags');
  }
  if (merged.acquiredAt && survivor.acquiredAt && merged.acquiredAt < survivor.acquiredAt) {
    patch.acquiredAt = merged.acquiredAt;
    filled.push('acquiredAt');
  }
  return { patch, filled };
}
