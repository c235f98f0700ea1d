import { isPlainObject, type StoredRecord, StoreError } from '@rapport/core';

function refuse(what: string, path: string, reason: string): never {
  throw new StoreError('INVALID', `${what} cannot be stored: ${path || 'the value'} ${reason}`, {
    details: { path, reason },
  });
}

const LONE_SURROGATE = /\p{Cs}/u;

/** Refuses strings PostgreSQL cannot hold: NUL characters and lone UTF-16 surrogates. */
export function checkText(value: string, what: string, path: string): void {
  if (value.includes('\u0000'))
    refuse(what, path, 'holds a NUL character (\\u0000), which PostgreSQL cannot store');
  if (LONE_SURROGATE.test(value)) refuse(what, path, 'holds a lone UTF-16 surrogate (not valid Unicode)');
}

function checkValue(value: unknown, what: string, path: string): void {
  switch (typeof value) {
    case 'string':
      checkText(value, what, path);
      return;
    case 'number':
      if (!Number.isFinite(value)) refuse(what, path, `is ${value}, which JSON cannot hold`);
      return;
    case 'boolean':
      return;
    case 'object': {
      if (value === null) return;
      if (Array.isArray(value)) {
        for (const [i, item] of value.entries()) {
          if (item === undefined) refuse(what, `${path}[${i}]`, 'is undefined inside an array');
          checkValue(item, what, `${path}[${i}]`);
        }
        return;
      }
      if (!isPlainObject(value)) {
        refuse(what, path, `is a ${value.constructor?.name ?? 'non-plain object'}, not plain JSON data`);
      }
      for (const [key, item] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        checkText(key, what, `key of ${at}`);
        if (item !== undefined) checkValue(item, what, at);
      }
      return;
    }
    default:
      refuse(what, path, `is a ${typeof value}, not JSON data`);
  }
}

/** The columns of one stored row. */
export interface RowValues {
  id: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** JSON text of every field except the system fields. */
  data: string;
}

/**
 * Splits a record into its row: system fields as columns, the rest as JSON text for the `jsonb`
 * column. Refuses (with `INVALID`) what PostgreSQL or JSON cannot hold exactly: non-finite
 * numbers, functions, class instances, NUL characters, lone surrogates, bad system fields.
 */
export function toRow(collection: string, record: StoredRecord): RowValues {
  if (typeof record !== 'object' || record === null || typeof record.id !== 'string' || record.id === '') {
    throw new StoreError('INVALID', `a ${collection} record needs a non-empty string id`, {
      details: { collection },
    });
  }
  const { id, createdAt, updatedAt, version, ...rest } = record;
  const what = `${collection} ${id}`;
  checkText(id, what, 'id');
  if (typeof createdAt !== 'string') refuse(what, 'createdAt', 'must be a string');
  if (typeof updatedAt !== 'string') refuse(what, 'updatedAt', 'must be a string');
  checkText(createdAt, what, 'createdAt');
  checkText(updatedAt, what, 'updatedAt');
  if (!Number.isInteger(version) || version < 0 || version > 2_147_483_647) {
    refuse(what, 'version', 'must be an integer from 0 to 2147483647');
  }
  checkValue(rest, what, '');
  return { id, createdAt, updatedAt, version, data: JSON.stringify(rest) };
}

/** A row as `pg` returns it from `SELECT id, created_at, updated_at, version, data`. */
export interface SelectedRow {
  id: string;
  created_at: string;
  updated_at: string;
  version: number;
  data: Record<string, unknown>;
}

/** Turns a selected row back into the record (the parsed `data` object is reused, not copied). */
export function fromRow(row: SelectedRow): StoredRecord {
  const record = row.data as StoredRecord;
  record.id = row.id;
  record.createdAt = row.created_at;
  record.updatedAt = row.updated_at;
  record.version = row.version;
  return record;
}

/** JSON text of a value bound as a `jsonb` parameter (checked like record data). */
export function jsonParam(value: unknown, what: string): string {
  checkValue(value, what, '');
  return JSON.stringify(value);
}
