import {
  type FindQuery,
  type JsonSchemaObject,
  type Kernel,
  normalizeSort,
  normalizeWhere,
  USER_ENTITY,
  type UserAccounts,
  type UserInput,
  type UserPatch,
  type UserWithPassword,
  userSummary,
} from '@rapport/core';
import { type Context, Hono } from 'hono';
import type { RapportEnv } from '../http/env.js';
import { etagOf, ifNoneMatchHits, versionFromIfMatch } from '../http/etag.js';
import { HttpProblem } from '../http/problem.js';
import { readJsonBody } from '../http/read-json.js';
import { respond, respondJson } from '../http/response-headers.js';
import { type QueryStringLimits, queryParams, readFindQuery } from '../query/parse-query.js';
import { readJsonObject } from './route-kit.js';

/** The user schema a list may filter and sort by: every field but the secret ones. */
function querySchema(kernel: Kernel): JsonSchemaObject {
  const entity = kernel.entities.get(USER_ENTITY);
  if (!entity) throw new TypeError('userRoutes needs the users() plugin');
  const properties = Object.fromEntries(
    Object.entries(entity.schema.properties).filter(([name]) => !entity.secretFields.has(name)),
  );
  return { ...entity.schema, properties };
}

/** A list query on users, refusing filters and sorts on secret fields and `fields` (answers are summaries). */
function readUserQuery(url: string, limits: QueryStringLimits, schema: JsonSchemaObject): FindQuery {
  const query = readFindQuery(queryParams(url, limits), schema);
  if (query.fields !== undefined) {
    throw new HttpProblem('INVALID_QUERY', '/api/users answers whole user summaries: leave out fields', {
      details: { field: 'fields', rule: 'unsupported' },
    });
  }
  normalizeWhere(query.where, schema);
  normalizeSort(query.sort, schema);
  return query;
}

/** What a create or password route answers: the summary, and a generated password (once). */
function withPassword(made: UserWithPassword) {
  return { user: userSummary(made.user), ...(made.password ? { password: made.password } : {}) };
}

function expectedVersion(c: Context): { expectedVersion?: number } {
  const version = versionFromIfMatch(c.req.header('if-match'));
  return version === undefined ? {} : { expectedVersion: version };
}

/**
 * User administration at `/api/users` (permissions `user:read`, `user:create`, `user:update`,
 * `user:delete`; nobody hands out roles beyond their own). Answers are user summaries, never a
 * password hash:
 * - `GET /` list (`where`, `sort`, `limit`, `cursor`, as entity lists; not on secret fields);
 * - `POST /` `{ name, email, roles, team?, language?, timeZone?, active?, password? }` → 201
 *   `{ user, password? }` (a password is generated and shown once when none is sent);
 * - `GET /:idOrEmail`, `PATCH /:id` (merge patch, `If-Match` checked), `DELETE /:id`;
 * - `POST /:id/password` `{ password? }` → `{ user, password? }`: sets or generates a password and
 *   ends the user's sessions.
 */
export function userRoutes(
  kernel: Kernel,
  accounts: UserAccounts,
  limits: QueryStringLimits,
): Hono<RapportEnv> {
  const app = new Hono<RapportEnv>();
  const schema = querySchema(kernel);

  app.get('/', async (c) => {
    const page = await accounts.find(readUserQuery(c.req.url, limits, schema), { actor: c.get('actor') });
    return respondJson(c, {
      items: page.items.map(userSummary),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    });
  });

  app.post('/', async (c) => {
    const body = (await readJsonObject(c)) as unknown as UserInput;
    const made = await accounts.create(body, { actor: c.get('actor') });
    return respondJson(c, withPassword(made), 201, {
      location: `/api/users/${made.user.id}`,
      etag: etagOf(made.user.version),
    });
  });

  app.get('/:id', async (c) => {
    const user = await accounts.resolve(c.req.param('id'), { actor: c.get('actor') });
    const etag = { etag: etagOf(user.version) };
    if (ifNoneMatchHits(c.req.header('if-none-match'), user.version)) return respond(c, null, 304, etag);
    return respondJson(c, userSummary(user), 200, etag);
  });

  app.patch('/:id', async (c) => {
    const version = expectedVersion(c);
    const patch = await readJsonBody(c, ['application/merge-patch+json', 'application/json']);
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw new HttpProblem('BAD_REQUEST', 'the body must be a JSON object (a merge patch)');
    }
    const user = await accounts.update(c.req.param('id'), patch as UserPatch, {
      actor: c.get('actor'),
      ...version,
    });
    return respondJson(c, userSummary(user), 200, { etag: etagOf(user.version) });
  });

  app.delete('/:id', async (c) => {
    await accounts.delete(c.req.param('id'), { actor: c.get('actor'), ...expectedVersion(c) });
    return respond(c, null, 204);
  });

  app.post('/:id/password', async (c) => {
    const body = await readJsonObject(c, { emptyIsObject: true });
    const { password, ...rest } = body;
    const extra = Object.keys(rest);
    if ((password !== undefined && typeof password !== 'string') || extra.length > 0) {
      throw new HttpProblem(
        'BAD_REQUEST',
        `send { "password": "..." }, or nothing to have one generated${extra.length > 0 ? ` (unknown: ${extra.join(', ')})` : ''}`,
      );
    }
    const made = await accounts.setPassword(c.req.param('id'), password, { actor: c.get('actor') });
    return respondJson(c, withPassword(made), 200, { etag: etagOf(made.user.version) });
  });
  return app;
}
