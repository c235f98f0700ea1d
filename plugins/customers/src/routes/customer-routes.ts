import { RapportError } from '@rapport/core';
import {
  mediaType,
  pluginRoutes,
  queryInt,
  type RapportEnv,
  type RouteContext,
  readJsonObject,
  readPage,
  useService,
} from '@rapport/server';
import type { Hono } from 'hono';
import type { Customer } from '../entities/customer.js';
import { describeFutureValue } from '../future-value/describe.js';
import { readFutureValueReport } from '../future-value/future-value-report.js';
import { parseImport } from '../import/parse-import.js';
import { listSegments, readSegment, segmentMembers } from '../segments/segment-queries.js';
import { CUSTOMERS } from '../service.js';

/**
 * The plugin's HTTP routes, mounted at `/api/customers` beside the generic customer routes.
 * Every handler acts as the caller (`c.get('actor')`), so permissions and record rules apply.
 */
export function customerRoutes(): Hono<RapportEnv> {
  const app = pluginRoutes();
  const service = (c: RouteContext) => useService(c, CUSTOMERS);

  app.post('/recompute', async (c) => {
    c.get('kernel').access.assert(c.get('actor'), 'customer', 'recompute');
    return c.json(await service(c).recompute());
  });

  app.post('/import', async (c) => {
    const type = mediaType(c);
    const format = type === 'text/csv' ? 'csv' : type === 'application/json' ? 'json' : undefined;
    if (!format) {
      throw new RapportError(
        'UNSUPPORTED_MEDIA_TYPE',
        `send the import as text/csv or application/json (got '${type || 'none'}')`,
      );
    }
    const dryRun = c.req.query('dryRun') === 'true';
    const actor = c.get('actor');
    const kernel = c.get('kernel');
    kernel.access.assert(actor, 'customer', 'import');
    const schema = kernel.entities.get('customer')?.inputSchema;
    const rows = parseImport(await c.req.text(), format, schema as NonNullable<typeof schema>);
    const report = await service(c).importCustomers(actor, rows, { dryRun });
    return c.json(report, report.created > 0 && !dryRun ? 201 : 200);
  });

  app.get('/lookup', async (c) => {
    const phone = c.req.query('phone');
    const email = c.req.query('email');
    const items = await service(c).lookup(c.get('actor'), {
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
    });
    return c.json({ items });
  });

  app.get('/future-value', async (c) => {
    const limit = queryInt(c, 'limit');
    return c.json(await readFutureValueReport(c.get('kernel'), c.get('actor'), limit ?? 20));
  });

  app.get('/future-value/holdout', async (c) => {
    const weeks = queryInt(c, 'weeks', { min: 1, max: 520 });
    const calibrationEnd = c.req.query('calibrationEnd');
    const report = await service(c).validateFutureValue(c.get('actor'), {
      ...(weeks !== undefined ? { weeks } : {}),
      ...(calibrationEnd ? { calibrationEnd } : {}),
    });
    return c.json(report);
  });

  app.get('/segments', async (c) => c.json(await listSegments(c.get('kernel'), c.get('actor'), readPage(c))));
  app.get('/segments/:id', async (c) =>
    c.json(await readSegment(c.get('kernel'), c.get('actor'), c.req.param('id'))),
  );
  app.get('/segments/:id/members', async (c) =>
    c.json(await segmentMembers(c.get('kernel'), c.get('actor'), c.req.param('id'), readPage(c))),
  );

  app.get('/:id/timeline', async (c) => {
    const limit = queryInt(c, 'limit');
    const cursor = c.req.query('cursor');
    const page = await service(c).timeline(c.get('actor'), c.req.param('id'), {
      ...(limit !== undefined ? { limit } : {}),
      ...(cursor !== undefined ? { cursor } : {}),
    });
    return c.json(page);
  });

  app.get('/:id/future-value', async (c) => {
    const customer = await c
      .get('kernel')
      .data<Customer>('customer', { actor: c.get('actor') })
      .get(c.req.param('id'));
    const fv = customer.futureValue;
    return c.json(
      fv
        ? { summary: describeFutureValue(fv), ...fv }
        : {
            summary: 'no prediction yet: the customer has no purchase, or no future-value fit has succeeded',
          },
    );
  });

  app.get('/:id/profile', async (c) => c.json(await service(c).profile(c.get('actor'), c.req.param('id'))));

  const mergeRoute = (run: 'merge' | 'previewMerge') => async (c: RouteContext) => {
    const body = await readJsonObject(c);
    const from = typeof body.from === 'string' ? body.from : '';
    return c.json(await service(c)[run](c.get('actor'), c.req.param('id') as string, from));
  };
  app.post('/:id/merge', mergeRoute('merge'));
  app.post('/:id/merge-preview', mergeRoute('previewMerge'));

  return app;
}
