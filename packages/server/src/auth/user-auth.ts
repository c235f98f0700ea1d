import { type Kernel, SESSIONS, USER_ENTITY, USERS, type UserAccounts } from '@rapport/core';
import type { Context } from 'hono';
import { isHttps } from '../http/request-scheme.js';
import { addressKey, clientAddress, type TrustedProxy } from '../public/client-address.js';
import type { SessionAuth } from './auth-middleware.js';
import type { CookieScheme } from './session-cookie.js';
import { type SessionOptions, SessionVerifier, sessionSettings } from './session-verifier.js';
import { SignInThrottle, type SignInThrottleOptions } from './sign-in-throttle.js';

/** The options of `createServer` that sign-in and sessions read. */
export interface UserAuthOptions {
  sessions?: SessionOptions;
  signInThrottle?: SignInThrottleOptions;
  trustedProxy?: TrustedProxy;
}

/** Everything the sign-in routes and the session middleware share for one server. */
export interface UserAuth extends SessionAuth {
  accounts: UserAccounts;
  throttle: SignInThrottle;
  /** The rate-limit key of the request's client address. */
  clientKey(c: Context): string;
}

/** Sign-in and sessions for a kernel with the `users()` plugin; `undefined` without it (keys only). */
export function createUserAuth(kernel: Kernel, options: UserAuthOptions): UserAuth | undefined {
  if (!kernel.entities.has(USER_ENTITY)) return undefined;
  const accounts = kernel.resolve(USERS);
  const proxy = options.trustedProxy;
  const verifier = new SessionVerifier(
    { accounts, sessions: kernel.resolve(SESSIONS), clock: kernel.clock },
    sessionSettings(options.sessions),
  );
  return {
    accounts,
    verifier,
    throttle: new SignInThrottle(options.signInThrottle),
    scheme: (c): CookieScheme => ({ secure: isHttps(c, proxy) }),
    clientKey: (c) => addressKey(clientAddress(c, proxy)),
  };
}
