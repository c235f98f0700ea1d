import { randomBytes } from 'node:crypto';
import { RapportError } from '../errors.js';

/** One key of the server secret: its id and its secret text (never logged, never shown). */
export interface SecretKey {
  /** The key id tokens carry, so a verifier knows which key signed them. */
  kid: string;
  secret: string;
}

/** What a key id may be: 1 to 16 letters or digits. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9]{1,16}$/;
/** The shortest secret accepted, in characters (32 random base64url characters carry 192 bits). */
export const MIN_SECRET_LENGTH = 32;
/** The key id of a `RAPPORT_SECRET` that is one bare secret rather than `kid:secret` pairs. */
export const BARE_SECRET_KID = 'k0';

/** A `RAPPORT_SECRET` (or `KernelConfig.secret`) that cannot be used; the message never shows the secret. */
export class SecretConfigError extends RapportError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_SECRET', message, { details });
  }
}

/**
 * Reads the server secret as configured: either one bare secret (its key id is `k0`), or
 * `kid:secret` pairs separated by commas, newest first. The first key signs; every key verifies,
 * so prepending a new pair rotates the secret while tokens made with the older keys stay valid
 * until they expire. Each secret needs {@link MIN_SECRET_LENGTH} characters; key ids are 1 to 16
 * letters or digits and appear once. Errors name the entry by position, never its secret.
 *
 * @example
 * ```ts
 * parseSecretKeyring('k2:9vQ…(32+ characters),k1:Xr4…'); // [{ kid: 'k2', … }, { kid: 'k1', … }]
 * ```
 */
export function parseSecretKeyring(text: string): SecretKey[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) throw new SecretConfigError('the server secret is empty');
  const [only] = entries;
  if (entries.length === 1 && only !== undefined && !hasKeyId(only)) {
    checkLength(only, 1);
    return [{ kid: BARE_SECRET_KID, secret: only }];
  }
  const keys: SecretKey[] = [];
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const kid = colon > 0 ? entry.slice(0, colon) : '';
    if (!KEY_ID_PATTERN.test(kid)) {
      throw new SecretConfigError(
        `entry ${index + 1} of the server secret must be kid:secret, the key id being 1 to 16 letters or digits`,
        { entry: index + 1 },
      );
    }
    const secret = entry.slice(colon + 1);
    checkLength(secret, index + 1);
    if (keys.some((key) => key.kid === kid)) {
      throw new SecretConfigError(`the server secret names key id '${kid}' twice`, { kid });
    }
    keys.push({ kid, secret });
  });
  return keys;
}

/** Whether an entry starts with `kid:` (a bare secret may hold colons further in, or none). */
function hasKeyId(entry: string): boolean {
  const colon = entry.indexOf(':');
  return colon > 0 && KEY_ID_PATTERN.test(entry.slice(0, colon));
}

function checkLength(secret: string, entry: number): void {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new SecretConfigError(
      `the secret of entry ${entry} is ${secret.length} characters long; it needs at least ${MIN_SECRET_LENGTH} (for example \`openssl rand -base64 32\`)`,
      { entry, length: secret.length },
    );
  }
}

/** A new random key: 32 bytes as base64url (256 bits), with a random key id. */
export function generateSecretKey(): SecretKey {
  return { kid: `k${randomBytes(6).toString('hex')}`, secret: randomBytes(32).toString('base64url') };
}
