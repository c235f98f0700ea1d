import type { FieldSpec } from '../schema/fields.js';

const LABEL_FIELDS = ['name', 'title', 'subject', 'key'];

/** The columns a list shows before a person chooses: the label field first, then the next scalar fields. */
export function defaultColumns(fields: readonly FieldSpec[], count = 5): string[] {
  const usable = fields.filter(
    (field) => !['longText', 'json', 'object'].includes(field.kind) && field.path !== 'id',
  );
  const label = usable.find((field) => LABEL_FIELDS.includes(field.path));
  const rest = usable.filter(
    (field) => field !== label && !['createdAt', 'updatedAt', 'version'].includes(field.path),
  );
  return [...(label ? [label] : []), ...rest].slice(0, count).map((field) => field.path);
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
