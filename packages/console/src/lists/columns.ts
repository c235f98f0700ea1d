import type { FieldSpec } from '../schema/fields.js';

const LABEL_FIELDS = ['name', 'title', 'subject', 'key'];

/**
 * The columns a list shows before a person chooses: the label field first, then the search
 * fields (`email`, `phone`), then the other scalar fields in schema order; `exclude` leaves
 * some out (the foreign key of a related list).
 */
export function defaultColumns(
  fields: readonly FieldSpec[],
  options: { search?: readonly string[]; exclude?: readonly string[]; count?: number } = {},
): string[] {
  const exclude = new Set(['id', 'createdAt', 'updatedAt', 'version', ...(options.exclude ?? [])]);
  const usable = fields.filter(
    (field) => !['longText', 'json', 'object'].includes(field.kind) && !exclude.has(field.path),
  );
  const label = usable.find((field) => LABEL_FIELDS.includes(field.path));
  const search = (options.search ?? [])
    .map((path) => usable.find((field) => field.path === path))
    .filter((field): field is FieldSpec => !!field && field !== label);
  const rest = usable.filter((field) => field !== label && !search.includes(field));
  return [...(label ? [label] : []), ...search, ...rest]
    .slice(0, options.count ?? 5)
    .map((field) => field.path);
}

function storageKey(entity: string, user: string | undefined): string {
  return `rapport.console.columns.${user ?? 'key'}.${entity}`;
}

/** The columns a person chose for an entity's list in this browser, if any. */
export function chosenColumns(entity: string, user: string | undefined): string[] | undefined {
  try {
    const stored = localStorage.getItem(storageKey(entity, user));
    const parsed = stored ? (JSON.parse(stored) as unknown) : undefined;
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the columns a person chose for an entity's list. */
export function rememberColumns(entity: string, user: string | undefined, columns: readonly string[]): void {
  try {
    localStorage.setItem(storageKey(entity, user), JSON.stringify(columns));
  } catch {
    // The choice then lasts for this page only.
  }
}
