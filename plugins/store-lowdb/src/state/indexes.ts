import { canonicalJson, type PathReader, pathReader, type StoredRecord } from '@rapport/core';
import { hasAllValues, recordKey } from './index-key.js';

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

/** A non-unique index: key to the ids of every record holding it (null and missing included). */
export class LookupIndex {
  readonly fields: readonly string[];
  readonly ids = new Map<string, Set<string>>();
  readonly #readers: PathReader[];

  constructor(fields: readonly string[]) {
    this.fields = fields;
    this.#readers = fields.map(pathReader);
  }

  add(record: StoredRecord): void {
    const key = recordKey(record, this.#readers);
    const ids = this.ids.get(key);
    if (ids) ids.add(record.id);
    else this.ids.set(key, new Set([record.id]));
  }

  remove(record: StoredRecord): void {
    const key = recordKey(record, this.#readers);
    const ids = this.ids.get(key);
    if (!ids) return;
    ids.delete(record.id);
    if (ids.size === 0) this.ids.delete(key);
  }
}
