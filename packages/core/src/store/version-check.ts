import { StoreError } from '../errors.js';

/**
 * The error a store gives for a write on a record that is absent (`NOT_FOUND`) or at another
 * version than the caller expected (`CONFLICT`), or `undefined` when the write may go ahead.
 * Every adapter answers with these same codes, sentences and details.
 */
export function versionCheckError(
  collection: string,
  id: string,
  current: { version: number } | undefined,
  expectedVersion?: number,
): StoreError | undefined {
  if (!current) {
    return new StoreError('NOT_FOUND', `${collection} ${id} does not exist`, { details: { collection, id } });
  }
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    return new StoreError(
      'CONFLICT',
      `${collection} ${id} was changed by someone else (expected version ${expectedVersion}, found ${current.version})`,
      { details: { collection, id, expectedVersion, actualVersion: current.version } },
    );
  }
  return undefined;
}
