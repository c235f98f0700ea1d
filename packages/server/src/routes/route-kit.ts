import type { FindQuery, Token } from '@rapport/core';
import { type Context, Hono } from 'hono';
import type { RapportEnv } from '../http/env.js';
import { HttpProblem } from '../http/problem.js';
import { readJsonBody } from '../http/read-json.js';
import { queryParams, readPageQuery } from '../query/parse-query.js';

/** The context of a plugin route handler: `c.get('kernel')`, `c.get('actor')`, `c.get('logger')`. */
export type RouteContext = Context<RapportEnv>;

/** Query-string limits of plugin routes (the server's default; the entity routes take the configured one). */
const PLUGIN_QUERY_LIMITS = { maxParameters: 100 };

/**
 * A Hono app for a plugin's routes, typed with the server's environment: mount it with
 * `ctx.routes.mount(app)` and every handler reads the kernel and the authenticated actor.
 *
 * @example
 * ```ts
 * const app = pluginRoutes().get('/summary', async (c) =>
 *   c.json(await useService(c, HELPDESK).summary(c.get('actor'))),
 * );
 * ```
 */
export function pluginRoutes(): Hono<RapportEnv> {
  return new Hono<RapportEnv>();
}

/** A service of the kernel, from a route handler (`useService(c, SALES).forecast(...)`). */
export function useService<T>(c: RouteContext, token: Token<T>): T {
  return c.get('kernel').resolve(token);
}

/** The request's media type, lower-case, without parameters (`''` when there is none). */
export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Reads a JSON object body: 415 for another media type, 400 for malformed or too deeply nested
 * JSON, 400 for a body that is not an object. With `emptyIsObject`, an empty body is `{}` (for
 * actions whose body is optional).
 */
export async function readJsonObject(
  c: Context,
  options: { emptyIsObject?: boolean } = {},
): Promise<Record<string, unknown>> {
  if (options.emptyIsObject && (await c.req.text()).trim() === '') return {};
  const body = await readJsonBody(c);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpProblem('BAD_REQUEST', 'the body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/**
 * An optional integer query parameter within `[min, max]`; a 400 naming it and the range
 * otherwise.
 */
export function queryInt(
  c: Context,
  name: string,
  range: { min?: number; max?: number } = {},
): number | undefined {
  const text = c.req.query(name);
  if (text === undefined) return undefined;
  const { min = 1, max = 1_000_000 } = range;
  const value = /^-?\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new HttpProblem(
      'INVALID_QUERY',
      `${name} must be an integer from ${min} to ${max}, got '${text}'`,
      {
        details: { field: name, rule: 'range' },
      },
    );
  }
  return value;
}

/**
 * The paging of a list with a fixed filter: `sort`, `limit`, `cursor`, `fields` (comma-separated
 * lists), checked as the entity routes check them; any other parameter is a 400 naming it.
 */
export function readPage(c: Context): Omit<FindQuery, 'where'> {
  return readPageQuery(queryParams(c.req.url, PLUGIN_QUERY_LIMITS));
}
