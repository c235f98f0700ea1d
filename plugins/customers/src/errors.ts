import { ValidationError } from '@rapport/core';
import { PLUGIN_ID } from './plugin-id.js';

/**
 * A ValidationError about one field, with a `customers.<rule>` rule name.
 *
 * @example
 * ```ts
 * throw fieldError('customer', 'phone', 'phone', 'is not a valid phone number');
 * ```
 */
export function fieldError(entity: string, path: string, rule: string, message: string): ValidationError {
  return new ValidationError(`invalid ${entity}: ${path} ${message}`, [
    { path, rule: `${PLUGIN_ID}.${rule}`, message },
  ]);
}
