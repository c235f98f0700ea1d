import { randomInt } from 'node:crypto';
import type { FieldError } from '../errors.js';

/** The longest password accepted (in characters): argon2 would take more, but nobody types it. */
export const MAX_PASSWORD_LENGTH = 256;
/** The default shortest password (in characters). */
export const DEFAULT_MIN_PASSWORD_LENGTH = 12;

/** What a new password must be beside long enough: not the account's own e-mail address or name. */
export interface PasswordContext {
  email?: string;
  name?: string;
}

/**
 * What is wrong with a new password, as field errors on `path` (empty when it is acceptable):
 * at least `minLength` characters (code points, so any script counts alike), at most
 * {@link MAX_PASSWORD_LENGTH}, not one character repeated, not the user's e-mail address or name.
 * Length is what makes a password strong (NIST SP 800-63B); there are no composition rules.
 */
export function passwordProblems(
  password: unknown,
  minLength: number,
  context: PasswordContext = {},
  path = 'password',
): FieldError[] {
  if (typeof password !== 'string') return [{ path, rule: 'type', message: 'must be a string' }];
  const length = [...password].length;
  if (length < minLength) {
    return [{ path, rule: 'minLength', message: `must be at least ${minLength} characters long` }];
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return [{ path, rule: 'maxLength', message: `must be at most ${MAX_PASSWORD_LENGTH} characters long` }];
  }
  if (new Set(password).size === 1) {
    return [{ path, rule: 'weak', message: 'must not be one character repeated' }];
  }
  const folded = password.trim().toLowerCase();
  const own = [context.email, context.name].filter((v): v is string => typeof v === 'string');
  if (own.some((value) => value.trim().toLowerCase() === folded)) {
    return [{ path, rule: 'weak', message: "must not be the user's e-mail address or name" }];
  }
  return [];
}

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A new random password to hand to a person once: 4 groups of 5 characters from a 57-character
 * alphabet without look-alikes (about 117 bits), e.g. `k7Qmx-9RtZa-...`.
 */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g += 1) {
    let group = '';
    for (let i = 0; i < 5; i += 1) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
