import {
  type Actor,
  emailKeyOf,
  RapportError,
  SYSTEM_ACTOR,
  type UserAccounts,
  type UserRecord,
} from '@rapport/core';
import { HttpProblem } from '../../http/problem.js';
import type { OidcClaims } from './oidc-client.js';
import type { OidcSettings } from './oidc-options.js';

/** Why a person the provider vouched for is not let in (`details.reason` of `SIGN_IN_REFUSED`). */
export type SignInRefusal = 'no-email' | 'email-unverified' | 'no-account' | 'inactive';

const REFUSALS: Record<SignInRefusal, string> = {
  'no-email': 'the provider did not say the e-mail address of this person (ask for the email scope)',
  'email-unverified': 'the provider has not verified the e-mail address of this person',
  'no-account': 'no user has this e-mail address, and users are not created at sign-in here',
  inactive: 'the user with this e-mail address is deactivated',
};

function refused(reason: SignInRefusal): HttpProblem {
  return new HttpProblem('SIGN_IN_REFUSED', `sign-in refused: ${REFUSALS[reason]}`, { details: { reason } });
}

/** The groups a claim lists: a list of strings, or one string; anything else lists none. */
export function groupsOf(claims: OidcClaims, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((group): group is string => typeof group === 'string') : [];
}

/**
 * A user's roles after a sign-in: the roles `roleMap` names are the provider's — those the
 * groups map to are added, the others removed — and every other role is kept as it was.
 */
export function rolesAfterSignIn(
  current: readonly string[],
  groups: readonly string[],
  roleMap: Readonly<Record<string, readonly string[]>>,
): string[] {
  const managed = new Set(Object.values(roleMap).flat());
  return [...new Set([...current.filter((role) => !managed.has(role)), ...rolesOfGroups(groups, roleMap)])];
}

/** The roles `roleMap` gives these groups. */
export function rolesOfGroups(
  groups: readonly string[],
  roleMap: Readonly<Record<string, readonly string[]>>,
): string[] {
  return [
    ...new Set(groups.flatMap((group) => (Object.hasOwn(roleMap, group) ? (roleMap[group] ?? []) : []))),
  ];
}

/** The audit trail's name for changes made at sign-in: the system, on the provider's word. */
function providerActor(settings: OidcSettings): Actor {
  return { id: 'oidc', kind: 'system', roles: [], attributes: { issuer: settings.issuer } };
}

/** A display name from the claims: `name`, given and family names, the preferred user name, or the e-mail's local part. */
function nameOf(claims: OidcClaims, email: string): string {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const name =
    text(claims.name) ||
    [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ') ||
    text(claims.preferred_username) ||
    email.split('@')[0] ||
    email;
  return name.slice(0, 200);
}

async function byEmail(accounts: UserAccounts, email: string): Promise<UserRecord | undefined> {
  const { items } = await accounts.find(
    { where: { emailKey: emailKeyOf(email) }, limit: 1 },
    { actor: SYSTEM_ACTOR },
  );
  return items[0];
}

const sameRoles = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((role) => b.includes(role));

/**
 * The user a provider sign-in is for: the user with the claims' verified e-mail address (any
 * case), their provider roles brought up to date with the groups; or, when `createUsers` allows,
 * a new user (no password) with the groups' roles and `defaultRoles`. Throws 403
 * `SIGN_IN_REFUSED` with `details.reason` ({@link SignInRefusal}) otherwise.
 */
export async function userForClaims(
  accounts: UserAccounts,
  settings: OidcSettings,
  claims: OidcClaims,
): Promise<UserRecord> {
  const email = typeof claims.email === 'string' ? claims.email.trim() : '';
  if (email === '') throw refused('no-email');
  if (claims.email_verified !== true && claims.email_verified !== 'true') throw refused('email-unverified');
  const groups = groupsOf(claims, settings.groupsClaim);
  for (let attempt = 0; ; attempt++) {
    try {
      return await linkOrCreate(accounts, settings, claims, email, groups);
    } catch (error) {
      // Two first sign-ins at once, or an administrator's change in between: read again, once.
      if (attempt > 0 || !(error instanceof RapportError && error.code === 'CONFLICT')) throw error;
    }
  }
}

async function linkOrCreate(
  accounts: UserAccounts,
  settings: OidcSettings,
  claims: OidcClaims,
  email: string,
  groups: string[],
): Promise<UserRecord> {
  const actor = providerActor(settings);
  const user = await byEmail(accounts, email);
  if (user) {
    if (user.active === false) throw refused('inactive');
    const roles = rolesAfterSignIn(user.roles, groups, settings.roleMap);
    if (sameRoles(roles, user.roles)) return user;
    return accounts.update(user.id, { roles }, { actor, expectedVersion: user.version });
  }
  if (!settings.createUsers) throw refused('no-account');
  const roles = [...new Set([...settings.defaultRoles, ...rolesOfGroups(groups, settings.roleMap)])];
  const made = await accounts.create(
    { name: nameOf(claims, email), email, roles, password: false },
    { actor },
  );
  return made.user;
}
