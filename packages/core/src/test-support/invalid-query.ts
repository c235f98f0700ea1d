import { expect } from 'vitest';
import { InvalidQueryError } from '../errors.js';

/** Runs `fn`, expecting it to throw an {@link InvalidQueryError}; returns that error. */
export function thrownInvalidQuery(fn: () => unknown): InvalidQueryError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidQueryError);
    return error as InvalidQueryError;
  }
  throw new Error('expected an InvalidQueryError, nothing was thrown');
}
