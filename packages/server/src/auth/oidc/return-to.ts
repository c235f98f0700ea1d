import { ValidationError } from '@rapport/core';

/** Where the browser goes after signing in when the start asked for nowhere in particular. */
export const DEFAULT_RETURN_TO = '/console/';

/** Longest return path kept (it travels in the flow cookie). */
const MAX_RETURN_TO = 1_000;

/**
 * The local path a sign-in returns to: `returnTo` when it is a path on this server (`/console/deals?x=1`),
 * {@link DEFAULT_RETURN_TO} when it is absent. Anything that could leave the site — another origin,
 * `//host`, `/\host`, a scheme, control characters — is a 400 naming `returnTo` (no open redirect).
 */
export function localReturnTo(returnTo: string | undefined): string {
  if (returnTo === undefined || returnTo === '') return DEFAULT_RETURN_TO;
  const refuse = (message: string): never => {
    throw new ValidationError(`returnTo ${message}`, [{ path: 'returnTo', rule: 'localPath', message }]);
  };
  if (returnTo.length > MAX_RETURN_TO) refuse(`must be at most ${MAX_RETURN_TO} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(returnTo)) refuse('must not contain control characters or backslashes');
  if (!returnTo.startsWith('/') || returnTo.startsWith('//')) {
    refuse('must be a path on this server, starting with a single /');
  }
  const base = 'http://rapport.invalid';
  const url = new URL(returnTo, base);
  if (url.origin !== base) refuse('must be a path on this server, starting with a single /');
  return `${url.pathname}${url.search}${url.hash}`;
}
