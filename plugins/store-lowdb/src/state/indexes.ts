import { canonicalJson, type StoredRecord } from '@rapport/core';
import { type PathReader, pathReader } from '@rapport/core/store-kit';
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
  /** Leading field's key → key of the other fields → ids (compound indexes). */
  readonly #tree = new Map<string, Map<string, Set<string>>>();
  /** Key → ids (one-field indexes: no second level to pay for). */
  readonly #flat = new Map<string, Set<string>>();
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
    const lead = canonicalJson(values[0]);
    if (this.#rest.length === 0) return this.#flat.get(lead);
    return this.#tree.get(lead)?.get(tupleKey(values.slice(1)));
  }

  /** The id sets of every record whose leading field holds `value`. */
  leading(value: unknown): Iterable<ReadonlySet<string>> {
    const lead = canonicalJson(value);
    if (this.#rest.length === 0) {
      const ids = this.#flat.get(lead);
      return ids ? [ids] : [];
    }
    return this.#tree.get(lead)?.values() ?? [];
  }

  add(record: StoredRecord): void {
    const lead = canonicalJson(this.#lead(record));
    let ids: Set<string> | undefined;
    if (this.#rest.length === 0) {
      ids = this.#flat.get(lead);
      if (!ids) this.#flat.set(lead, new Set([record.id]));
    } else {
      const rest = recordKey(record, this.#rest);
      let branch = this.#tree.get(lead);
      if (!branch) {
        branch = new Map();
        this.#tree.set(lead, branch);
      }
      ids = branch.get(rest);
      if (!ids) branch.set(rest, new Set([record.id]));
    }
    ids?.add(record.id);
  }

  remove(record: StoredRecord): void {
    const lead = canonicalJson(this.#lead(record));
    if (this.#rest.length === 0) {
      const ids = this.#flat.get(lead);
      if (ids?.delete(record.id) && ids.size === 0) this.#flat.delete(lead);
      return;
    }
    const branch = this.#tree.get(lead);
    const rest = recordKey(record, this.#rest);
    const ids = branch?.get(rest);
    if (!branch || !ids?.delete(record.id) || ids.size > 0) return;
    branch.delete(rest);
    if (branch.size === 0) this.#tree.delete(lead);
  }
}
