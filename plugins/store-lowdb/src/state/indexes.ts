import { canonicalJson, type StoredRecord } from '@rapport/core';
import { type PathReader, pathReader } from '@rapport/core/store-kit';
import { hasAllValues, recordKey, tupleKey } from './index-key.js';
import { OrderedIndex } from './ordered-index.js';

/**
 * A unique index: key to the id holding it. Records with a null or missing value in any of its
 * fields are not in it (and never conflict), as in every Rapport store.
 */
export class UniqueIndex {
  readonly fields: readonly string[];
  readonly ids = new Map<string, string>();
  readonly #readers: PathReader[];

  constructor(fields: readonly string[]) {
    this.fields = fields;
    this.#readers = fields.map(pathReader);
  }

  /** The record's key, or `undefined` when the index does not cover it. */
  keyOf(record: StoredRecord): string | undefined {
    if (this.#readers.length === 1) {
      const value = (this.#readers[0] as PathReader)(record);
      return value === null || value === undefined ? undefined : canonicalJson(value);
    }
    return hasAllValues(record, this.#readers) ? recordKey(record, this.#readers) : undefined;
  }

  add(record: StoredRecord): void {
    const key = this.keyOf(record);
    if (key !== undefined) this.ids.set(key, record.id);
  }

  remove(record: StoredRecord): void {
    const key = this.keyOf(record);
    if (key !== undefined && this.ids.get(key) === record.id) this.ids.delete(key);
  }
}

/**
 * The ids under one key of a {@link LookupIndex}: one id alone (most keys), a set of them, or a
 * list read from an ordered index.
 */
export type IdGroup = string | ReadonlySet<string> | readonly string[];

/** How many ids a group holds. */
export function groupSize(group: IdGroup): number {
  if (typeof group === 'string') return 1;
  return Array.isArray(group) ? group.length : (group as ReadonlySet<string>).size;
}

/** The ids of a group. */
export function groupIds(group: IdGroup): Iterable<string> {
  return typeof group === 'string' ? [group] : group;
}

type Groups = Map<string, string | Set<string>>;

/** Adds `id` under `key`: a lone id is kept as itself, a second one makes a set. */
function addTo(groups: Groups, key: string, id: string): void {
  const group = groups.get(key);
  if (group === undefined) groups.set(key, id);
  else if (typeof group === 'string') {
    if (group !== id) groups.set(key, new Set([group, id]));
  } else group.add(id);
}

/** Removes `id` from under `key`; true when nothing is left there. */
function removeFrom(groups: Groups, key: string, id: string): boolean {
  const group = groups.get(key);
  if (group === undefined) return false;
  if (typeof group === 'string') {
    if (group !== id) return false;
    groups.delete(key);
    return true;
  }
  if (!group.delete(id)) return false;
  if (group.size === 1) groups.set(key, group.values().next().value as string);
  return false;
}

/**
 * A non-unique index: the ids of every record holding a tuple of values (null and missing
 * included), kept as a two-level tree, leading field first, so the records holding one value of
 * the leading field are found without a scan even when the query says nothing of the others
 * (`customerId = x` and a range on `at` over an index on `customerId, at`). A key held by one
 * record stores its id alone, not a one-element set: most keys of an index on dates or
 * references are like that, and a set costs ten times more memory. A two-field index with an
 * {@link OrderedIndex} keeps no tree: the ordered lists answer both kinds of probe.
 */
export class LookupIndex {
  readonly fields: readonly string[];
  /** Leading field's key → key of the other fields → ids (compound indexes). */
  readonly #tree = new Map<string, Groups>();
  /** Key → ids (one-field indexes: no second level to pay for). */
  readonly #flat: Groups = new Map();
  readonly #lead: PathReader;
  readonly #rest: PathReader[];
  /**
   * Two-field indexes of ordinary collections: the same records sorted by the second field under
   * each leading key, for pages filtered on the first and sorted on the second.
   */
  readonly ordered: OrderedIndex | undefined;

  /** `ordered`: keep an {@link OrderedIndex} too when the index has exactly two fields. */
  constructor(fields: readonly string[], options: { ordered?: boolean } = {}) {
    this.fields = fields;
    const [lead, ...rest] = fields.map(pathReader);
    this.#lead = lead as PathReader;
    this.#rest = rest;
    this.ordered =
      options.ordered && fields.length === 2
        ? new OrderedIndex([fields[0] as string, fields[1] as string])
        : undefined;
  }

  /**
   * The ids holding exactly these values (one per field, in order). Through an ordered index the
   * answer may hold more (every id under the leading value when the second is an object or an
   * array); callers filter candidates with the full where anyway.
   */
  exact(values: readonly unknown[]): IdGroup | undefined {
    if (this.ordered) return this.ordered.equalIds(values[0], values[1]);
    const lead = canonicalJson(values[0]);
    if (this.#rest.length === 0) return this.#flat.get(lead);
    return this.#tree.get(lead)?.get(tupleKey(values.slice(1)));
  }

  /** The id groups of every record whose leading field holds `value`. */
  leading(value: unknown): Iterable<IdGroup> {
    if (this.ordered) return [this.ordered.idsOf(value)];
    const lead = canonicalJson(value);
    if (this.#rest.length === 0) {
      const ids = this.#flat.get(lead);
      return ids === undefined ? [] : [ids];
    }
    return this.#tree.get(lead)?.values() ?? [];
  }

  add(record: StoredRecord): void {
    if (this.ordered) {
      this.ordered.add(record);
      return;
    }
    const lead = canonicalJson(this.#lead(record));
    if (this.#rest.length === 0) {
      addTo(this.#flat, lead, record.id);
      return;
    }
    let branch = this.#tree.get(lead);
    if (!branch) {
      branch = new Map();
      this.#tree.set(lead, branch);
    }
    addTo(branch, recordKey(record, this.#rest), record.id);
  }

  remove(record: StoredRecord): void {
    if (this.ordered) {
      this.ordered.remove(record);
      return;
    }
    const lead = canonicalJson(this.#lead(record));
    if (this.#rest.length === 0) {
      removeFrom(this.#flat, lead, record.id);
      return;
    }
    const branch = this.#tree.get(lead);
    if (branch && removeFrom(branch, recordKey(record, this.#rest), record.id) && branch.size === 0) {
      this.#tree.delete(lead);
    }
  }
}
