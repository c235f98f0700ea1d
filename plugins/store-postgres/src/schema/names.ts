import { createHash } from 'node:crypto';
import { StoreError } from '@rapport/core';
import { escapeIdentifier } from 'pg';

/** PostgreSQL truncates identifiers longer than this many bytes (NAMEDATALEN - 1). */
export const MAX_IDENTIFIER_BYTES = 63;

const SAFE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SAFE_PREFIX = /^[A-Za-z0-9_]*$/;

/** A short, stable hex digest of `text` (SHA-256), used in generated object names. */
export function shortHash(text: string, length = 12): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** Quotes an identifier (`"a""b"`); the name must hold no NUL and fit {@link MAX_IDENTIFIER_BYTES}. */
export function quoteIdent(name: string): string {
  return escapeIdentifier(name);
}

/**
 * Checks a collection name: camelCase entity names and kernel collections such as `_outbox`
 * pass; anything else is refused with `INVALID` so no caller-controlled text reaches DDL.
 */
export function checkCollectionName(name: string): void {
  if (typeof name !== 'string' || !SAFE_NAME.test(name)) {
    throw new StoreError(
      'INVALID',
      `collection name ${JSON.stringify(name)} is not allowed: use letters, digits and '_' (not first a digit)`,
      { details: { collection: name } },
    );
  }
}

/** Checks a table prefix (letters, digits and `_`, possibly empty). */
export function checkTablePrefix(prefix: string): void {
  if (typeof prefix !== 'string' || !SAFE_PREFIX.test(prefix) || prefix.length > 20) {
    throw new StoreError(
      'INVALID',
      `tablePrefix ${JSON.stringify(prefix)} is not allowed: use at most 20 letters, digits and '_'`,
      { details: { tablePrefix: prefix } },
    );
  }
}

/** Checks a PostgreSQL schema name: any text without NUL that fits an identifier. */
export function checkSchemaName(schema: string): void {
  if (
    typeof schema !== 'string' ||
    schema === '' ||
    schema.includes('\u0000') ||
    /\p{Cs}/u.test(schema) ||
    Buffer.byteLength(schema) > MAX_IDENTIFIER_BYTES
  ) {
    throw new StoreError(
      'INVALID',
      `schema ${JSON.stringify(schema)} is not a usable PostgreSQL schema name (1 to 63 bytes, no NUL)`,
      { details: { schema } },
    );
  }
}

/**
 * Fits a generated name into an identifier: names that are too long keep a readable start and
 * end with a hash of the whole name, so two long names never collide after truncation.
 */
export function fitIdentifier(name: string): string {
  if (Buffer.byteLength(name) <= MAX_IDENTIFIER_BYTES) return name;
  const suffix = `_${shortHash(name, 10)}`;
  return `${name.slice(0, MAX_IDENTIFIER_BYTES - suffix.length)}${suffix}`;
}

/** The table name of a collection: prefix + name, fitted to an identifier. */
export function tableNameOf(prefix: string, collection: string): string {
  checkCollectionName(collection);
  return fitIdentifier(`${prefix}${collection}`);
}

/** `"schema"."name"`. */
export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}
