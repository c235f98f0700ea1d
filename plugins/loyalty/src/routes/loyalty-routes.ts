import { fieldError } from '@rapport/core';
import {
  pluginRoutes,
  type RapportEnv,
  type RouteContext,
  readJsonObject,
  useService,
} from '@rapport/server';
import type { Hono } from 'hono';
import type { EnrolInput } from '../ledger/enrol.js';
import type { PointsInput } from '../ledger/ledger-ops.js';
import type { Posted } from '../ledger/post-entry.js';
import { LOYALTY } from '../service.js';

const text = (body: Record<string, unknown>, field: string): string | undefined =>
  typeof body[field] === 'string' ? (body[field] as string) : undefined;

/** Reads a posting's body; the service checks points and key and names the field at fault. */
function pointsOf(
  body: Record<string, unknown>,
  pathMemberId?: string,
): { memberId: string; input: PointsInput } {
  const given = text(body, 'memberId');
  if (pathMemberId && given && given !== pathMemberId)
    throw fieldError('loyaltyEntry', 'memberId', 'path', 'names another member than the path');
  const memberId = pathMemberId ?? given;
  if (!memberId)
    throw fieldError('loyaltyEntry', 'memberId', 'required', 'is required: the member to post to');
  const input: PointsInput = {
    points: body.points as number,
    idempotencyKey: text(body, 'idempotencyKey') as string,
  };
  for (const field of ['sourceType', 'sourceId', 'note'] as const) {
    const value = text(body, field);
    if (value) input[field] = value;
  }
  return { memberId, input };
}

/** 201 for a new entry, 200 for a retry answered with the entry the first call posted. */
const answer = (c: RouteContext, posted: Posted) =>
  c.json({ entry: posted.entry, replayed: posted.replayed }, posted.replayed ? 200 : 201);

/**
 * The plugin's HTTP routes, mounted at `/api/loyalty`. Every handler acts as the caller, whose
 * permissions apply; the ledger itself is written by the plugin only.
 */
export function loyaltyRoutes(): Hono<RapportEnv> {
  const app = pluginRoutes();
  const service = (c: RouteContext) => useService(c, LOYALTY);

  app.post('/members', async (c) => {
    const body = await readJsonObject(c);
    const input: EnrolInput = {
      programmeId: text(body, 'programmeId') ?? '',
      mobile: text(body, 'mobile') as string,
    };
    if (!input.programmeId) throw fieldError('loyaltyMember', 'programmeId', 'required', 'is required');
    const name = text(body, 'name');
    if (name) input.name = name;
    const referrerId = text(body, 'referrerId');
    if (referrerId) input.referrerId = referrerId;
    const joined = await service(c).enrol(c.get('actor'), input);
    return c.json(joined, joined.created ? 201 : 200);
  });
  for (const op of ['earn', 'redeem', 'adjust'] as const) {
    app.post(`/${op}`, async (c) => {
      const { memberId, input } = pointsOf(await readJsonObject(c));
      return answer(c, await service(c)[op](c.get('actor'), memberId, input));
    });
    // The same, for the member the path names (the console's member card posts here).
    app.post(`/members/:id/${op}`, async (c) => {
      const { memberId, input } = pointsOf(await readJsonObject(c), c.req.param('id'));
      return answer(c, await service(c)[op](c.get('actor'), memberId, input));
    });
  }
  app.post('/entries/:id/reverse', async (c) => {
    const body = await readJsonObject(c, { emptyIsObject: true });
    return answer(c, await service(c).reverse(c.get('actor'), c.req.param('id'), text(body, 'note')));
  });
  app.post('/rewards/:id/redeem', async (c) => {
    const body = await readJsonObject(c);
    const memberId = text(body, 'memberId');
    if (!memberId) throw fieldError('loyaltyRedemption', 'memberId', 'required', 'is required');
    const result = await service(c).reserveReward(
      c.get('actor'),
      memberId,
      c.req.param('id'),
      text(body, 'idempotencyKey') as string,
    );
    return c.json(result, result.replayed ? 200 : 201);
  });
  app.post('/redemptions/:id/fulfil', async (c) =>
    c.json(await service(c).fulfilRedemption(c.get('actor'), c.req.param('id'))),
  );
  app.post('/redemptions/:id/cancel', async (c) =>
    c.json(await service(c).cancelRedemption(c.get('actor'), c.req.param('id'))),
  );
  app.post('/broadcasts/:id/send', async (c) =>
    c.json(await service(c).sendBroadcast(c.get('actor'), c.req.param('id'))),
  );
  app.get('/win-back', async (c) => {
    const q = (name: string) => c.req.query(name);
    const list = (value: string | undefined) => (value ? value.split(',').filter(Boolean) : undefined);
    const limit = q('limit');
    const classes = list(q('class'));
    const stages = list(q('stage'));
    return c.json(
      await service(c).winBack(c.get('actor'), {
        ...(q('programmeId') ? { programmeId: q('programmeId') as string } : {}),
        ...(classes ? { classes } : {}),
        ...(stages ? { stages } : {}),
        ...(limit ? { limit: Number(limit) } : {}),
        ...(q('cursor') ? { cursor: q('cursor') as string } : {}),
      }),
    );
  });
  app.get('/members/:id/balance', async (c) =>
    c.json(await service(c).balance(c.get('actor'), c.req.param('id'))),
  );
  return app;
}
