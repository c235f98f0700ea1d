import { createHash, randomBytes } from 'node:crypto';

/** Characters of the lookup part (12 random bytes as base64url, 96 bits): the session row's id. */
const LOOKUP_LENGTH = 16;
/** Characters of the secret part (32 random bytes as base64url, 256 bits). */
const SECRET_LENGTH = 43;

/**
 * A session token: `<lookup>.<secret>`, 60 URL- and cookie-safe characters. `lookup` finds the
 * stored row (it is not secret), `secret` is 256 random bits of which only the SHA-256 is stored.
 */
export const SESSION_TOKEN_PATTERN = /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

/** The two parts of a session token. */
export interface SessionTokenParts {
  lookup: string;
  secret: string;
}

/** The parts of a well-formed token, or `undefined`. */
export function parseSessionToken(token: unknown): SessionTokenParts | undefined {
  if (typeof token !== 'string' || token.length !== LOOKUP_LENGTH + 1 + SECRET_LENGTH) return undefined;
  const match = SESSION_TOKEN_PATTERN.exec(token);
  if (!match) return undefined;
  return { lookup: match[1] as string, secret: match[2] as string };
}

/** A new token's parts. */
export function newSessionTokenParts(): SessionTokenParts {
  return {
    lookup: randomBytes((LOOKUP_LENGTH * 3) / 4).toString('base64url'),
    secret: randomBytes(32).toString('base64url'),
  };
}

/** The token text of its parts. */
export function formatSessionToken(parts: SessionTokenParts): string {
  return `${parts.lookup}.${parts.secret}`;
}

/** The stored hash of a token's secret part (hex SHA-256: the secret is random, nothing to brute-force). */
export function sessionSecretHash(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** A new CSRF token: 32 random bytes as base64url (43 characters). */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}
