import { RapportError } from '@rapport/core';

/** Why a future-value fit was refused or failed; `code` is stable. */
export type FitErrorCode =
  | 'FUTURE_VALUE_TOO_FEW_CUSTOMERS'
  | 'FUTURE_VALUE_NO_REPEAT_BUYERS'
  | 'FUTURE_VALUE_NOT_CONVERGED'
  | 'FUTURE_VALUE_BAD_INPUT';

/** A fit that cannot be trusted: too little data, no repeat buyers, bad input, or no convergence. */
export class FutureValueFitError extends RapportError {
  constructor(code: FitErrorCode, message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super(code, message, { details, cause });
  }
}
