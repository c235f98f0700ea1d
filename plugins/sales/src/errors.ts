import { ValidationError } from '@rapport/core';
import { PLUGIN_ID } from './plugin-id.js';

/**
 * A ValidationError (HTTP 400) about one field, with a `sales.<rule>` rule name.
 *
 * @example
 * ```ts
 * throw fieldError('deal', 'stage', 'stage', "is not a stage of pipeline 'renewals'");
 * ```
 */
export function fieldError(entity: string, path: string, rule: string, message: string): ValidationError {
  return new ValidationError(`invalid ${entity}: ${path} ${message}`, [
    { path, rule: `${PLUGIN_ID}.${rule}`, message },
  ]);
}
