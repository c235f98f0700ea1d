import { StoreError, type StoreErrorCode } from '@rapport/core';

interface DriverError {
  code?: unknown;
  message?: unknown;
  constraint?: unknown;
  detail?: unknown;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

const CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end',
  'Client was closed and is not queryable',
  'Query read timeout',
];

function sqlState(error: unknown): string | undefined {
  const code = (error as DriverError | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Whether an error means the connection itself is unusable (network failure, server
 * shutdown), so the pooled client must be discarded rather than reused.
 */
export function isConnectionError(error: unknown): boolean {
  const state = sqlState(error);
  if (state) return state.startsWith('08') || state.startsWith('57P');
  const { code, message } = (error ?? {}) as DriverError;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  return typeof message === 'string' && CONNECTION_MESSAGES.some((text) => message.includes(text));
}

function codeFor(error: unknown): { code: StoreErrorCode; reason: string } {
  const state = sqlState(error);
  if (state === undefined) {
    return isConnectionError(error)
      ? { code: 'UNAVAILABLE', reason: 'PostgreSQL cannot be reached' }
      : { code: 'UNAVAILABLE', reason: 'the PostgreSQL driver failed' };
  }
  if (state === '23505') return { code: 'CONFLICT', reason: 'a unique value is already used' };
  if (state === '40001')
    return { code: 'CONFLICT', reason: 'PostgreSQL could not serialize the transaction; retry it' };
  if (state === '40P01')
    return { code: 'CONFLICT', reason: 'PostgreSQL broke a deadlock by aborting the transaction; retry it' };
  if (state === '55P03')
    return { code: 'CONFLICT', reason: 'a row or table lock is held by another transaction' };
  if (state === '25P02') {
    return {
      code: 'INVALID',
      reason: 'the transaction was aborted by an earlier failed statement; it can only roll back',
    };
  }
  if (state.startsWith('22') || state.startsWith('23'))
    return { code: 'INVALID', reason: 'PostgreSQL refused the data' };
  if (state === '42P01' || state === '3F000') {
    return {
      code: 'UNAVAILABLE',
      reason: 'a table or schema of the store is missing (open the store again to migrate)',
    };
  }
  if (state === '42501')
    return { code: 'UNAVAILABLE', reason: 'the database role lacks a privilege the store needs' };
  if (state.startsWith('42')) return { code: 'INVALID', reason: 'PostgreSQL refused the statement' };
  if (state === '57014')
    return { code: 'UNAVAILABLE', reason: 'the statement was cancelled (statement timeout?)' };
  return { code: 'UNAVAILABLE', reason: 'PostgreSQL failed' };
}

/**
 * Turns anything thrown while talking to PostgreSQL into a {@link StoreError} (the driver's
 * error kept as `cause`): unique violations, serialization failures and deadlocks are
 * `CONFLICT`; refused data is `INVALID`; network, shutdown, timeouts and missing tables are
 * `UNAVAILABLE`. A `StoreError` passes through unchanged.
 */
export function toStoreError(error: unknown, context: string): StoreError {
  if (error instanceof StoreError) return error;
  const { code, reason } = codeFor(error);
  const driver = (error ?? {}) as DriverError;
  const message = typeof driver.message === 'string' ? driver.message : String(error);
  return new StoreError(code, `${context}: ${reason} (${message})`, {
    details: {
      ...(sqlState(error) ? { sqlState: sqlState(error) } : {}),
      ...(typeof driver.constraint === 'string' ? { constraint: driver.constraint } : {}),
    },
    cause: error,
  });
}
