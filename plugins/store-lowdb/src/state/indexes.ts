import { canonicalJson, type PathReader, pathReader, type StoredRecord } from '@rapport/core';
import { hasAllValues, recordKey, tupleKey } from './index-key.js';

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
 * A non-unique index: the ids of every record holding a tuple of values (null and missing
 * included), kept as a two-level tree, leading field first, so the records holding one value of
 * the leading field are found without a scan even when the query says nothing of the others
 * (`customerId = x` and a range on `at` over an index on `customerId, at`).
 */
export class LookupIndex {
  readonly fields: readonly string[];
  /** Leading field's key → key of the other fields (`''` for a one-field index) → ids. */
  readonly #tree = new Map<string, Map<string, Set<string>>>();
  readonly #lead: PathReader;
  readonly #rest: PathReader[];

  constructor(fields: readonly string[]) {
    this.fields = fields;
    const [lead, ...rest] = fields.map(pathReader);
    this.#lead = lead as PathReader;
    this.#rest = rest;
  }

  /** The ids holding exactly these values (one per field, in order). */
  exact(values: readonly unknown[]): ReadonlySet<string> | undefined {
    return this.#tree.get(canonicalJson(values[0]))?.get(tupleKey(values.slice(1)));
  }

  /** The id sets of every record whose leading field holds `value`. */
  leading(value: unknown): Iterable<ReadonlySet<string>> {
    return this.#tree.get(canonicalJson(value))?.values() ?? [];
  }

  add(record: StoredRecord): void {
    const lead = canonicalJson(this.#lead(record));
    const rest = this.#restKey(record);
    let branch = this.#tree.get(lead);
    if (!branch) {
      branch = new Map();
      this.#tree.set(lead, branch);
    }
    const ids = branch.get(rest);
    if (ids) ids.add(record.id);
    else branch.set(rest, new Set([record.id]));
  }

  remove(record: StoredRecord): void {
    const lead = canonicalJson(this.#lead(record));
    const branch = this.#tree.get(lead);
    const rest = this.#restKey(record);
    const ids = branch?.get(rest);
    if (!branch || !ids) return;
    ids.delete(record.id);
    if (ids.size > 0) return;
    branch.delete(rest);
    if (branch.size === 0) this.#tree.delete(lead);
  }

  #restKey(record: StoredRecord): string {
    return this.#rest.length === 0 ? '' : recordKey(record, this.#rest);
  }
}
