import { StoreError } from '@rapport/core';

/** The `code` of a node error (`ENOENT`, `EEXIST`...), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Is this a "no such file or directory" error? */
export function isNotFound(error: unknown): boolean {
  return errorCode(error) === 'ENOENT';
}

/** The message of any thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Keeps a {@link StoreError} as it is, and wraps anything else (a file-system error) in an
 * `UNAVAILABLE` store error whose message starts with `doing`, the driver error kept as `cause`.
 */
export function asStoreError(error: unknown, doing: string): StoreError {
  if (error instanceof StoreError) return error;
  return new StoreError('UNAVAILABLE', `${doing}: ${messageOf(error)}`, { cause: error });
}
