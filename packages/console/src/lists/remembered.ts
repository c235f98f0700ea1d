/**
 * What a person chose in a list (its columns, its saved filters), remembered in this browser per
 * signed-in user (`key` for an API key without a user) and entity. A browser that keeps nothing
 * (private mode, storage full) keeps the choice for the page only.
 */
export function remembered<T>(
  kind: string,
  entity: string,
  user: string | undefined,
  valid: (value: unknown) => value is T,
): T | undefined {
  try {
    const stored = localStorage.getItem(storageKey(kind, entity, user));
    const parsed = stored ? (JSON.parse(stored) as unknown) : undefined;
    return valid(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers a choice (see {@link remembered}). */
export function remember(kind: string, entity: string, user: string | undefined, value: unknown): void {
  try {
    localStorage.setItem(storageKey(kind, entity, user), JSON.stringify(value));
  } catch {
    // The choice then lasts for this page only.
  }
}

function storageKey(kind: string, entity: string, user: string | undefined): string {
  return `rapport.console.${kind}.${user ?? 'key'}.${entity}`;
}
