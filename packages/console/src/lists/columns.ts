import type { FieldSpec } from '../schema/fields.js';
import { remember, remembered } from './remembered.js';

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

const isPaths = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The columns a person chose for an entity's list in this browser, if any. */
export function chosenColumns(entity: string, user: string | undefined): string[] | undefined {
  return remembered('columns', entity, user, isPaths);
}

/** Remembers the columns a person chose for an entity's list. */
export function rememberColumns(entity: string, user: string | undefined, columns: readonly string[]): void {
  remember('columns', entity, user, columns);
}
