import type { FieldError, Kernel } from '@rapport/core';

/**
 * The `oidc` option of `createServer`: sign-in with an OpenID Connect provider (authorization
 * code with PKCE). Register `redirectUri` with the provider as the client's redirect URI.
 *
 * @example
 * ```ts
 * createServer(kernel, {
 *   oidc: {
 *     issuer: 'https://login.example.com',
 *     clientId: 'rapport',
 *     clientSecret: process.env.OIDC_CLIENT_SECRET,
 *     redirectUri: 'https://crm.example.com/api/auth/oidc/callback',
 *     roleMap: { 'crm-managers': ['manager'], 'crm-agents': ['agent'] },
 *     createUsers: true,
 *     defaultRoles: ['viewer'],
 *   },
 * });
 * ```
 */
export interface OidcOptions {
  /** The provider's issuer URL (its discovery document is `<issuer>/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  /** The client secret (`client_secret_basic`); leave it out for a public client (PKCE only). */
  clientSecret?: string;
  /** This server's `/api/auth/oidc/callback` as the browser reaches it (registered with the provider). */
  redirectUri: string;
  /** What the sign-in page's button says: "Sign in with <name>" (default: the issuer's host name). */
  name?: string;
  /** Scopes asked for (default `openid email profile`; add `groups` where the provider needs it). */
  scopes?: string[];
  /** The claim that lists the person's groups (default `groups`); a string counts as one group. */
  groupsClaim?: string;
  /**
   * Roles each group gives. The roles named here belong to the provider: at every sign-in a user
   * gets those their groups map to and loses the others; roles not named here stay as set in Rapport.
   */
  roleMap?: Record<string, string[]>;
  /** Create a user on a first sign-in with an unknown (verified) e-mail address (default false). */
  createUsers?: boolean;
  /** Roles a user created at sign-in gets besides those of their groups (default none). */
  defaultRoles?: string[];
}

/** An OIDC option with its defaults filled in. */
export interface OidcSettings extends Required<Omit<OidcOptions, 'clientSecret'>> {
  clientSecret?: string;
}

/** Where the provider sends the browser back: the path `redirectUri` must end with. */
const CALLBACK_PATH = '/api/auth/oidc/callback';

/** Host names an `http:` issuer or redirect URI may use (a provider on this machine, in tests and development). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a URL is `http:` to this machine (allowed where https is otherwise required). */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

function urlProblem(value: unknown, path: string): FieldError | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) {
    return { path, rule: 'format', message: 'must be an absolute URL' };
  }
  const url = new URL(value);
  if (url.protocol !== 'https:' && !isLoopbackHttp(url)) {
    return { path, rule: 'https', message: 'must be an https URL (http only to localhost)' };
  }
  if (url.hash !== '') return { path, rule: 'format', message: 'must not have a #fragment' };
  return undefined;
}

function stringListProblems(value: unknown, path: string, kernel: Kernel, roles: boolean): FieldError[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.length === 0)) {
    return [{ path, rule: 'type', message: 'must be a list of non-empty strings' }];
  }
  if (!roles) return [];
  return value
    .filter((role) => !kernel.access.hasRole(role))
    .map((role) => ({
      path,
      rule: 'role',
      message: `names the role '${role}', which the kernel does not know`,
    }));
}

/** Field errors of an `oidc` option (under `oidc.`); empty when usable. */
export function oidcOptionProblems(options: OidcOptions | undefined, kernel: Kernel): FieldError[] {
  if (options === undefined) return [];
  const errors: FieldError[] = [];
  const push = (problem: FieldError | undefined) => problem && errors.push(problem);
  push(urlProblem(options.issuer, 'oidc.issuer'));
  const redirect = urlProblem(options.redirectUri, 'oidc.redirectUri');
  push(redirect);
  if (!redirect && !new URL(options.redirectUri).pathname.endsWith(CALLBACK_PATH)) {
    errors.push({
      path: 'oidc.redirectUri',
      rule: 'callback',
      message: `must be this server's ${CALLBACK_PATH} (behind a proxy, as the browser reaches it)`,
    });
  }
  for (const name of ['clientId', 'clientSecret', 'name', 'groupsClaim'] as const) {
    const value = options[name];
    if (value === undefined && name !== 'clientId') continue;
    if (typeof value !== 'string' || value.length === 0 || value.length > 1_000) {
      errors.push({
        path: `oidc.${name}`,
        rule: 'type',
        message: 'must be a string of 1 to 1000 characters',
      });
    }
  }
  if (options.scopes !== undefined) {
    errors.push(...stringListProblems(options.scopes, 'oidc.scopes', kernel, false));
    if (Array.isArray(options.scopes) && !options.scopes.includes('openid')) {
      errors.push({ path: 'oidc.scopes', rule: 'contains', message: "must include 'openid'" });
    }
  }
  const roleMap = options.roleMap;
  if (roleMap !== undefined) {
    if (typeof roleMap !== 'object' || roleMap === null || Array.isArray(roleMap)) {
      errors.push({
        path: 'oidc.roleMap',
        rule: 'type',
        message: 'must be an object of group name to role names',
      });
    } else {
      for (const [group, roles] of Object.entries(roleMap)) {
        errors.push(...stringListProblems(roles, `oidc.roleMap.${group}`, kernel, true));
      }
    }
  }
  if (options.createUsers !== undefined && typeof options.createUsers !== 'boolean') {
    errors.push({ path: 'oidc.createUsers', rule: 'type', message: 'must be true or false' });
  }
  if (options.defaultRoles !== undefined) {
    errors.push(...stringListProblems(options.defaultRoles, 'oidc.defaultRoles', kernel, true));
  }
  return errors;
}

/** The settings of a (checked) `oidc` option. */
export function oidcSettings(options: OidcOptions): OidcSettings {
  return {
    issuer: options.issuer,
    clientId: options.clientId,
    ...(options.clientSecret === undefined ? {} : { clientSecret: options.clientSecret }),
    redirectUri: options.redirectUri,
    name: options.name ?? new URL(options.issuer).hostname,
    scopes: options.scopes ?? ['openid', 'email', 'profile'],
    groupsClaim: options.groupsClaim ?? 'groups',
    roleMap: options.roleMap ?? {},
    createUsers: options.createUsers ?? false,
    defaultRoles: options.defaultRoles ?? [],
  };
}
