import {
  type Actor,
  type Kernel,
  RapportError,
  USER_ENTITY,
  USERS,
  type UserInput,
  type UserPatch,
  type UserSummary,
  userSummary,
} from '@rapport/core';
import type { ApiClient } from '../remote/api-client.js';

/** A user and, when one was generated, their new password (to hand over once). */
export interface UserWithNewPassword {
  user: UserSummary;
  password?: string;
}

/** User administration, directly on the store or through a server's `/api/users`. */
export interface UserAdmin {
  list(): Promise<UserSummary[]>;
  /** Creates a user; without `password` one is generated and returned. */
  add(input: UserInput): Promise<UserWithNewPassword>;
  /** Changes a user named by id or e-mail address. */
  set(idOrEmail: string, patch: UserPatch): Promise<UserSummary>;
  /** Sets, or without `password` generates, a user's password; their sessions end. */
  resetPassword(idOrEmail: string, password?: string): Promise<UserWithNewPassword>;
}

/** The users service of a started kernel; a clear error where the users plugin is missing. */
function accountsOf(kernel: Kernel) {
  if (!kernel.entities.has(USER_ENTITY)) {
    throw new RapportError(
      'USERS_MISSING',
      'this deployment has no user accounts: add users() to its plugins',
    );
  }
  return kernel.resolve(USERS);
}

/** Administers users in the store of a started kernel, as `actor`. */
export function directUserAdmin(kernel: Kernel, actor: Actor): UserAdmin {
  const accounts = accountsOf(kernel);
  return {
    async list() {
      const out: UserSummary[] = [];
      let cursor: string | undefined;
      do {
        const page = await accounts.find(
          { sort: ['emailKey'], limit: 500, ...(cursor ? { cursor } : {}) },
          { actor },
        );
        out.push(...page.items.map(userSummary));
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    },
    async add(input) {
      const made = await accounts.create(input, { actor });
      return { user: userSummary(made.user), ...(made.password ? { password: made.password } : {}) };
    },
    async set(idOrEmail, patch) {
      const user = await accounts.resolve(idOrEmail, { actor });
      return userSummary(await accounts.update(user.id, patch, { actor, expectedVersion: user.version }));
    },
    async resetPassword(idOrEmail, password) {
      const user = await accounts.resolve(idOrEmail, { actor });
      const made = await accounts.setPassword(user.id, password, { actor });
      return { user: userSummary(made.user), ...(made.password ? { password: made.password } : {}) };
    },
  };
}

/** Administers users through `/api/users` with an admin key. */
export function httpUserAdmin(client: ApiClient): UserAdmin {
  const find = async (idOrEmail: string) =>
    (await client.request<UserSummary>('GET', `api/users/${encodeURIComponent(idOrEmail)}`)).body;
  return {
    async list() {
      const out: UserSummary[] = [];
      let cursor: string | undefined;
      do {
        const { body } = await client.request<{ items: UserSummary[]; nextCursor?: string }>(
          'GET',
          'api/users',
          {
            query: { sort: 'emailKey', limit: '500', cursor },
          },
        );
        out.push(...body.items);
        cursor = body.nextCursor;
      } while (cursor);
      return out;
    },
    async add(input) {
      return (await client.request<UserWithNewPassword>('POST', 'api/users', { body: input })).body;
    },
    async set(idOrEmail, patch) {
      const user = await find(idOrEmail);
      const { body } = await client.request<UserSummary>(
        'PATCH',
        `api/users/${encodeURIComponent(user.id)}`,
        {
          body: patch,
          headers: { 'if-match': `"v${user.version}"` },
        },
      );
      return body;
    },
    async resetPassword(idOrEmail, password) {
      const user = await find(idOrEmail);
      const { body } = await client.request<UserWithNewPassword>(
        'POST',
        `api/users/${encodeURIComponent(user.id)}/password`,
        { body: password === undefined ? {} : { password } },
      );
      return body;
    },
  };
}
