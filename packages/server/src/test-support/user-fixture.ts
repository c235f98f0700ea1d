import {
  defineEntity,
  definePlugin,
  isSystemActor,
  type Logger,
  SYSTEM_ACTOR,
  USERS,
  type UserAccounts,
  type UserInput,
  users,
} from '@rapport/core';
import { createTestKernel, type TestKernel } from '@rapport/core/testing';
import type { Hono } from 'hono';
import { apiKeys } from '../auth/api-key-entity.js';
import { createServer, type ServerOptions } from '../create-server.js';
import type { RapportEnv } from '../http/env.js';
import { helpdesk } from './fixture.js';

/** The password every fixture user gets. */
export const PASSWORD = 'correct horse battery staple';
/** Cheap argon2id parameters: tests check behaviour, not cost. */
export const FAST_HASHING = { memoryCost: 64, timeCost: 1, parallelism: 1 };

/** Notes with an owner: reps see and change only their own ("my deals", in small). */
const NoteEntity = defineEntity<{ text: string; ownerId?: string }>({
  name: 'note',
  plural: 'notes',
  schema: {
    type: 'object',
    properties: {
      text: { type: 'string', minLength: 1, maxLength: 200 },
      ownerId: { type: 'string', maxLength: 200 },
    },
    required: ['text'],
  },
  indexes: ['ownerId'],
});

const notes = definePlugin({
  id: 'notes',
  version: '1.0.0',
  register(ctx) {
    ctx.entities.define(NoteEntity);
    ctx.access.grant('rep', ['note:read', 'note:create', 'note:update']);
    ctx.access.grant('noteAdmin', ['note:*', 'user:*']);
    ctx.access.rule({
      id: 'notes.own',
      entity: 'note',
      where: (actor) => (actor.roles.includes('rep') ? { ownerId: actor.id } : undefined),
    });
    ctx.hooks
      .entity<{ text: string; ownerId?: string }>('note')
      .beforeCreate.tapPromise('notes', async (note, write) =>
        note.ownerId || isSystemActor(write.actor) ? note : { ...note, ownerId: write.actor.id },
      );
  },
});

/** A signed-in browser: its cookie header and CSRF token. */
export interface Browser {
  cookie: string;
  csrf: string;
  /** The sign-in response. */
  response: Response;
}

/** The user fixture: users(), keys, helpdesk and notes behind the server, with request helpers. */
export interface UserServer {
  t: TestKernel;
  app: Hono<RapportEnv>;
  accounts: UserAccounts;
  addUser(email: string, roles: string[], extra?: Partial<UserInput>): Promise<{ id: string }>;
  signIn(
    email: string,
    password?: string,
    init?: { base?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Signs in and returns the browser state (fails the test when sign-in fails). */
  browser(email: string, base?: string): Promise<Browser>;
  /** A request as a browser: its cookie, and its CSRF token unless `csrf: false` or another value. */
  call(
    browser: Browser | undefined,
    method: string,
    path: string,
    init?: { body?: unknown; csrf?: string | false; headers?: Record<string, string>; base?: string },
  ): Promise<Response>;
}

/** `name=value` of a `Set-Cookie` header (what a browser sends back). */
export function cookieOf(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  return header.split(';')[0] ?? '';
}

/** Boots the user fixture at 2026-03-01T09:00Z (a manual clock). */
export async function bootUserServer(
  options: ServerOptions = {},
  kernel: { logger?: Logger } = {},
): Promise<UserServer> {
  const t = await createTestKernel({
    plugins: [apiKeys(), users({ passwordHashing: FAST_HASHING }), helpdesk(), notes()],
    now: '2026-03-01T09:00:00Z',
    ...(kernel.logger ? { logger: kernel.logger } : {}),
  });
  const app = createServer(t.kernel, { logRequests: false, ...options });
  const accounts = t.kernel.resolve(USERS);
  const addUser = async (email: string, roles: string[], extra: Partial<UserInput> = {}) =>
    (
      await accounts.create(
        { name: email.split('@')[0] as string, email, roles, password: PASSWORD, ...extra },
        { actor: SYSTEM_ACTOR },
      )
    ).user;
  const signIn = async (
    email: string,
    password = PASSWORD,
    init: { base?: string; headers?: Record<string, string> } = {},
  ) =>
    app.request(`${init.base ?? 'http://localhost'}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: JSON.stringify({ email, password }),
    });
  const browser = async (email: string, base?: string): Promise<Browser> => {
    const response = await signIn(email, PASSWORD, base ? { base } : {});
    if (response.status !== 200) throw new Error(`sign-in of ${email} answered ${response.status}`);
    const body = (await response.clone().json()) as { csrfToken: string };
    return { cookie: cookieOf(response), csrf: body.csrfToken, response };
  };
  const call: UserServer['call'] = async (who, method, path, init = {}) => {
    const csrf = init.csrf === undefined ? who?.csrf : init.csrf;
    return app.request(`${init.base ?? 'http://localhost'}${path}`, {
      method,
      headers: {
        ...(who ? { cookie: who.cookie } : {}),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  };
  return { t, app, accounts, addUser, signIn, browser, call };
}
