import { randomBytes } from 'node:crypto';
import { KEY_ID_PATTERN } from '../secrets/secret-keyring.js';

/** Characters of the lookup part of a link token (9 random bytes as base64url, 72 bits). */
const LOOKUP_LENGTH = 12;
/** Characters of the secret part (24 random bytes as base64url, 192 bits). */
const SECRET_LENGTH = 32;

/**
 * A link token: `<kid>.<lookup>.<secret>`, only URL-safe characters (letters, digits, `-`, `_`
 * and `.`), about 50 characters. `kid` names the server-secret key that made its stored HMAC,
 * `lookup` is the stored row's id (not secret: it only finds the row), `secret` is 192 random bits.
 */
export const LINK_TOKEN_PATTERN = /^([A-Za-z0-9]{1,16})\.([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{32})$/;

/** A path segment that looks like a link token, for redacting tokens out of logged paths. */
export const LINK_TOKEN_IN_PATH = /(?<=\/)[A-Za-z0-9]{1,16}\.[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{32}(?=\/|$)/g;

/** The three parts of a link token. */
export interface LinkTokenParts {
  kid: string;
  lookup: string;
  secret: string;
}

/** The parts of a well-formed token, or `undefined`. */
export function parseLinkToken(token: unknown): LinkTokenParts | undefined {
  if (typeof token !== 'string' || token.length > 100) return undefined;
  const match = LINK_TOKEN_PATTERN.exec(token);
  if (!match) return undefined;
  return { kid: match[1] as string, lookup: match[2] as string, secret: match[3] as string };
}

/** A new token's parts for key `kid`. */
export function newLinkTokenParts(kid: string): LinkTokenParts {
  if (!KEY_ID_PATTERN.test(kid)) throw new RangeError(`'${kid}' is not a key id`);
  return {
    kid,
    lookup: randomBytes((LOOKUP_LENGTH * 3) / 4).toString('base64url'),
    secret: randomBytes((SECRET_LENGTH * 3) / 4).toString('base64url'),
  };
}

/** The token text of its parts. */
export function formatLinkToken(parts: LinkTokenParts): string {
  return `${parts.kid}.${parts.lookup}.${parts.secret}`;
}

/** Replaces every link token in a URL path by `[link]` (for logs). */
export function redactLinkTokens(path: string): string {
  return path.replace(LINK_TOKEN_IN_PATH, '[link]');
}
