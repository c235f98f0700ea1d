import { RapportError } from '../errors.js';

/**
 * For `.catch(missing)` after a `get`: `undefined` when the record does not exist (`NOT_FOUND`);
 * any other failure (the store is unavailable) is rethrown, so it is never mistaken for absence.
 */
export function missing(error: unknown): undefined {
  if (error instanceof RapportError && error.code === 'NOT_FOUND') return undefined;
  throw error;
}
