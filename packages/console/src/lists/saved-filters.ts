import type { FilterState } from './filters.js';
import { remember, remembered } from './remembered.js';

/** A set of filters a person saved under a name, for one entity's list. */
export interface SavedFilter {
  name: string;
  state: FilterState;
}

const isSaved = (value: unknown): value is SavedFilter[] =>
  Array.isArray(value) &&
  value.every(
    (item) =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as SavedFilter).name === 'string' &&
      typeof (item as SavedFilter).state === 'object' &&
      (item as SavedFilter).state !== null,
  );

/** The filters a person saved for an entity's list in this browser, by name. */
export function savedFilters(entity: string, user: string | undefined): SavedFilter[] {
  return remembered('filters', entity, user, isSaved) ?? [];
}

/** Saves `state` under `name` (replacing a filter of that name); answers the saved filters, by name. */
export function saveFilter(
  entity: string,
  user: string | undefined,
  name: string,
  state: FilterState,
): SavedFilter[] {
  const kept = savedFilters(entity, user).filter((saved) => saved.name !== name);
  const next = [...kept, { name, state }].sort((a, b) => a.name.localeCompare(b.name));
  remember('filters', entity, user, next);
  return next;
}

/** Forgets the saved filter `name`; answers the ones left. */
export function forgetFilter(entity: string, user: string | undefined, name: string): SavedFilter[] {
  const next = savedFilters(entity, user).filter((saved) => saved.name !== name);
  remember('filters', entity, user, next);
  return next;
}
