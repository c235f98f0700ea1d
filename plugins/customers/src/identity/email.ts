import { createSchemaCompiler } from '@rapport/core';

const checkEmail = createSchemaCompiler()({ type: 'string', format: 'email' });

/** Is `text` (already normalised) an e-mail address, by the same rule as JSON Schema's `email` format? */
export function isEmail(text: string): boolean {
  return checkEmail(text).length === 0;
}

/**
 * Normalises an e-mail address for identity: trimmed and lower-cased. (The local part is
 * case-sensitive in theory; no mail system in use treats it so, and duplicates differing only
 * in case are the common case in CRM data.)
 *
 * @example
 * ```ts
 * normaliseEmail(' Ada@Example.COM '); // 'ada@example.com'
 * ```
 */
export function normaliseEmail(input: string): string {
  return input.trim().toLowerCase();
}
