import type { CompiledEntity } from '@rapport/core';
import { Hono } from 'hono';
import type { RapportEnv } from '../http/env.js';
import { etagOf, ifNoneMatchHits, versionFromIfMatch } from '../http/etag.js';
import { HttpProblem } from '../http/problem.js';
import { readJsonBody } from '../http/read-json.js';
import { respond, respondJson, respondJsonText } from '../http/response-headers.js';
import {
  type QueryStringLimits,
  queryParams,
  readAggregateQuery,
  readFindQuery,
} from '../query/parse-query.js';

/** Options of {@link entityRoutes}. */
export interface EntityRouteOptions {
  query: QueryStringLimits;
  /** Refuse PATCH and DELETE without `If-Match` (428). Default false: checked when sent. */
  requireIfMatch: boolean;
}

/** The most groups `GET /aggregate` answers: more is a 400 asking for a narrower query. */
export const MAX_AGGREGATE_ROWS = 10_000;

/**
 * The REST routes of one entity, mounted at `/api/<kebab-plural>`:
 * `GET /` (list), `POST /`, `GET /aggregate`, `GET /:id`, `PATCH /:id` (JSON Merge Patch), `DELETE /:id`.
 */
export function entityRoutes(entity: CompiledEntity, options: EntityRouteOptions): Hono<RapportEnv> {
  const app = new Hono<RapportEnv>();
  const repo = (c: {
    get: <K extends keyof RapportEnv['Variables']>(key: K) => RapportEnv['Variables'][K];
  }) => c.get('kernel').data(entity.name, { actor: c.get('actor') });
  const params = (url: string) => queryParams(url, options.query);

  app.get('/', async (c) => {
    const page = await repo(c).find(readFindQuery(params(c.req.url), entity.schema));
    return respondJson(c, page);
  });

  app.post('/', async (c) => {
    const record = await repo(c).create((await readJsonBody(c)) as Record<string, unknown>);
    return respondJson(c, record, 201, {
      location: `${c.req.path.replace(/\/$/, '')}/${record.id}`,
      etag: etagOf(record.version),
    });
  });

  app.get('/aggregate', async (c) => {
    const rows = await repo(c).aggregate(readAggregateQuery(params(c.req.url), entity.schema));
    if (rows.length > MAX_AGGREGATE_ROWS) {
      throw new HttpProblem(
        'INVALID_QUERY',
        `the aggregate has ${rows.length} groups, more than the ${MAX_AGGREGATE_ROWS} an answer holds; filter with where or group by fewer or coarser fields`,
        { details: { field: 'groupBy', rule: 'max-groups' } },
      );
    }
    return respondJson(c, { rows });
  });

  app.get('/:id', async (c) => {
    const { json, version } = await repo(c).getJson(c.req.param('id'));
    const etag = { etag: etagOf(version) };
    if (ifNoneMatchHits(c.req.header('if-none-match'), version)) return respond(c, null, 304, etag);
    return respondJsonText(c, json, 200, etag);
  });

  const expectedVersion = (header: string | undefined) => {
    if (header === undefined && options.requireIfMatch) {
      throw new HttpProblem(
        'PRECONDITION_REQUIRED',
        'send If-Match with the ETag of the version you are changing',
      );
    }
    return versionFromIfMatch(header);
  };

  app.patch('/:id', async (c) => {
    const version = expectedVersion(c.req.header('if-match'));
    const patch = (await readJsonBody(c, ['application/merge-patch+json', 'application/json'])) as Record<
      string,
      unknown
    >;
    const record = await repo(c).update(
      c.req.param('id'),
      patch,
      version === undefined ? {} : { expectedVersion: version },
    );
    return respondJson(c, record, 200, { etag: etagOf(record.version) });
  });

  app.delete('/:id', async (c) => {
    const version = expectedVersion(c.req.header('if-match'));
    await repo(c).delete(c.req.param('id'), version === undefined ? {} : { expectedVersion: version });
    return respond(c, null, 204);
  });

  return app;
}
