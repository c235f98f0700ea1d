import { defineEntity } from '../entities/define-entity.js';
import { computed, dateTime, list, text } from '../entities/schema-blocks.js';

/** The name of the user entity (`kernel.data(USER_ENTITY, ...)`). */
export const USER_ENTITY = 'user';

/** The longest e-mail address a user may have (RFC 5321's path limit). */
export const MAX_EMAIL_LENGTH = 254;
/** The longest stored password hash (an argon2id PHC string is about 100 characters). */
export const MAX_PASSWORD_HASH_LENGTH = 512;

/**
 * A person who signs in. `email` is unique case-insensitively (`emailKey`, which the plugin
 * computes, holds the unique index); `passwordHash` is an argon2id PHC string, `writeOnly`: no
 * route returns it and the audit trail never shows it.
 */
export interface User {
  name: string;
  email: string;
  /** `email` trimmed and lower-cased (computed). */
  emailKey?: string;
  /** Role names; roles grant `entity:action` permissions. */
  roles: string[];
  /** What team rules ("my team's tickets") compare with; also on the actor as `attributes.team`. */
  team?: string;
  /** BCP 47 language tag of the console (`en`, `zh-Hans`). */
  language?: string;
  /** IANA time zone dates are shown in (default: the deployment's). */
  timeZone?: string;
  /** An inactive user cannot sign in, and keys that act as them stop working. */
  active?: boolean;
  passwordHash?: string;
  /** When the password was last set (computed). */
  passwordChangedAt?: string;
  /** When the user last signed in with a password (computed). */
  lastSignInAt?: string;
}

/** A BCP 47 tag as people write them: a language and up to four subtags (`en`, `zh-Hans`, `pt-BR`). */
export const LANGUAGE_TAG = '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$';

/** The `user` entity: off the generic REST routes (the server serves `/api/users`); `user` is privileged. */
export const UserEntity = defineEntity<User>({
  name: USER_ENTITY,
  plural: 'users',
  exposed: false,
  description: 'People who sign in: name, e-mail, roles, team, language, time zone.',
  schema: {
    type: 'object',
    properties: {
      name: text(200, { minLength: 1 }),
      email: { type: 'string', format: 'email', minLength: 3, maxLength: MAX_EMAIL_LENGTH },
      emailKey: computed({ type: 'string', maxLength: MAX_EMAIL_LENGTH }),
      roles: list({ type: 'string', minLength: 1, maxLength: 64 }, 20, { uniqueItems: true }),
      team: text(100, { minLength: 1 }),
      language: { type: 'string', maxLength: 35, pattern: LANGUAGE_TAG, default: 'en' },
      timeZone: text(64, { minLength: 1 }),
      active: { type: 'boolean', default: true },
      passwordHash: { type: 'string', maxLength: MAX_PASSWORD_HASH_LENGTH, writeOnly: true },
      passwordChangedAt: computed(dateTime),
      lastSignInAt: computed(dateTime),
    },
    required: ['name', 'email', 'roles'],
  },
  indexes: [{ fields: ['emailKey'], unique: true }, 'team', 'name'],
  search: ['name', 'email'],
});

/** The key `email` is unique by: trimmed, Unicode-normalized (NFC) and lower-cased. */
export function emailKeyOf(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}
