import type { Actor } from '../access/actor.js';
import type { EntityRecord } from '../entities/define-entity.js';
import type { User } from './user-entity.js';

/** A user as they and the console see themselves (sign-in and `GET /api/me`). */
export interface UserProfile {
  id: string;
  name: string;
  email: string;
  roles: string[];
  team: string | null;
  language: string;
  timeZone: string;
}

/** A user as administrators list them: never the password hash, only whether one is set. */
export interface UserSummary extends UserProfile {
  active: boolean;
  /** Whether the user has a password (one without cannot sign in until it is reset). */
  passwordSet: boolean;
  passwordChangedAt: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The profile of a stored user. */
export function userProfile(user: EntityRecord<User>): UserProfile {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    roles: [...user.roles],
    team: user.team ?? null,
    language: user.language ?? 'en',
    timeZone: user.timeZone ?? 'UTC',
  };
}

/** The administrators' view of a stored user. */
export function userSummary(user: EntityRecord<User>): UserSummary {
  return {
    ...userProfile(user),
    active: user.active !== false,
    passwordSet: typeof user.passwordHash === 'string' && user.passwordHash.length > 0,
    passwordChangedAt: user.passwordChangedAt ?? null,
    lastSignInAt: user.lastSignInAt ?? null,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    version: user.version,
  };
}

/** Narrows `roles` to those the user holds now (a key never grants more than its user has). */
function heldRoles(user: User, roles: readonly string[] | undefined): string[] {
  return roles === undefined ? [...user.roles] : roles.filter((role) => user.roles.includes(role));
}

/**
 * The actor a user acts as: their id (what `ownerId` and the audit trail hold), their roles, and
 * `attributes.team` for team rules. With `key`, the actor of an API key that belongs to the user:
 * the key's roles that the user still holds, and `attributes.keyId` for the audit trail.
 */
export function userActor(
  user: EntityRecord<User>,
  key?: { keyId: string; roles: readonly string[] },
): Actor {
  const attributes: Record<string, string> = {};
  if (user.team) attributes.team = user.team;
  if (key) attributes.keyId = key.keyId;
  return {
    id: user.id,
    kind: key ? 'apiKey' : 'user',
    roles: heldRoles(user, key?.roles),
    attributes,
  };
}
