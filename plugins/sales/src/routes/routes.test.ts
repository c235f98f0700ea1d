import { afterEach, describe, expect, it } from 'vitest';
import type { DealRecord } from '../entities/deal.js';
import type { LeadRecord } from '../entities/lead.js';
import { bootServer } from '../test-support/boot.js';
import { DATASET_NOW, writeDataset } from '../test-support/report-dataset.js';

type Server = Awaited<ReturnType<typeof bootServer>>;

describe('HTTP routes', () => {
  let s: Server;
  afterEach(async () => s?.t.stop());

  const json = async (res: Response) => (await res.json()) as Record<string, unknown>;

  it('serves the funnel, forecast and velocity of the dataset, and 400s mixed currencies and bad periods', async () => {
    s = await bootServer({ now: DATASET_NOW });
    await writeDataset(s.t.kernel);
    await s.t.settle();
    const funnel = await s.request(
      'GET',
      '/api/sales/funnel?pipeline=new-business&from=2026-01-01&to=2026-07-01',
      'viewer',
    );
    expect(funnel.status).toBe(200);
    expect(await json(funnel)).toMatchObject({ deals: { count: 10, amount: 5_702_337 }, winRate: 0.6 });
    const forecast = await s.request(
      'GET',
      '/api/sales/forecast?from=2026-06-01&to=2026-09-01&currency=EUR',
      'viewer',
    );
    expect(await json(forecast)).toMatchObject({
      totals: { weighted: 1_986_085, closedWon: { count: 1, amount: 700_000 } },
    });
    const velocity = await s.request('GET', '/api/sales/velocity?from=2026-01-01&to=2026-07-01', 'viewer');
    expect(await json(velocity)).toMatchObject({ won: { count: 3, avgCycleDays: 48.67 } });

    const mixed = await s.request('GET', '/api/sales/forecast?from=2026-06-01&to=2026-09-01', 'viewer');
    expect(mixed.status).toBe(400);
    expect(mixed.headers.get('content-type')).toContain('application/problem+json');
    expect(await json(mixed)).toMatchObject({
      code: 'VALIDATION_FAILED',
      detail: expect.stringContaining('several currencies (EUR, USD)'),
      errors: [{ path: 'currency', rule: 'sales.currency' }],
    });
    const badPeriod = await s.request('GET', '/api/sales/funnel?from=2026-07-01&to=2026-01-01', 'viewer');
    expect(badPeriod.status).toBe(400);
    expect((await s.request('GET', '/api/sales/funnel?from=yesterday', 'viewer')).status).toBe(400);
    expect((await s.request('GET', '/api/sales/funnel?pipeline=nope', 'viewer')).status).toBe(400);
    expect((await s.request('GET', '/api/sales/forecast?period=week', 'viewer')).status).toBe(400);
  });

  it('answers period=quarter in December with the whole quarter in the deployment time zone', async () => {
    s = await bootServer({ now: '2026-12-03T10:00:00.000Z', timeZone: 'Europe/Berlin' });
    const acme = await json(
      await s.request('POST', '/api/customers', 'admin', { kind: 'organisation', name: 'Acme' }),
    );
    const won = await s.request('POST', '/api/deals', 'admin', {
      title: 'October win',
      customerId: acme.id,
      amount: { amount: 9_000, currency: 'EUR' },
      stage: 'won',
      stageEnteredAt: '2026-10-14T09:00:00.000Z',
      openedAt: '2026-09-01T09:00:00.000Z',
    });
    expect(won.status).toBe(201);
    const forecast = await json(await s.request('GET', '/api/sales/forecast?period=quarter', 'viewer'));
    expect(forecast).toMatchObject({
      from: '2026-09-30T22:00:00.000Z',
      to: '2027-06-30T22:00:00.000Z',
      timeZone: 'Europe/Berlin',
      period: 'quarter',
    });
    expect((forecast.periods as Array<Record<string, unknown>>)[0]).toMatchObject({
      period: '2026-Q4',
      from: '2026-09-30T22:00:00.000Z',
      to: '2026-12-31T23:00:00.000Z',
      closedWon: { count: 1, amount: 9_000 },
    });
  });

  it('refuses report parameters it does not know, or given as brackets, naming them', async () => {
    s = await bootServer({ now: DATASET_NOW });
    for (const [path, field] of [
      ['/api/sales/funnel?owner=me', 'owner'],
      ['/api/sales/forecast?period=quarter&pipline=renewals', 'pipline'],
      ['/api/sales/velocity?from[gte]=2026-01-01', 'from'],
      ['/api/sales/forecast?__proto__[x]=1', '__proto__[x]'],
    ] as const) {
      const res = await s.request('GET', path, 'viewer');
      expect(res.status, path).toBe(400);
      const body = await json(res);
      expect(body.code, path).toBe('INVALID_QUERY');
      expect(String(body.detail) + JSON.stringify(body.details ?? {}), path).toContain(field);
    }
    expect((await s.request('GET', '/api/sales/funnel?pipeline=new-business', 'viewer')).status).toBe(200);
  });

  it('answers bad deals with a 400 that says what is wrong', async () => {
    s = await bootServer();
    const acme = await json(
      await s.request('POST', '/api/customers', 'admin', { kind: 'organisation', name: 'ACME' }),
    );
    const base = { title: 'x', customerId: acme.id, amount: { amount: 100, currency: 'EUR' } };
    const stage = await s.request('POST', '/api/deals', 'rep', {
      ...base,
      pipeline: 'dealers',
      stage: 'proposal',
    });
    expect(stage.status).toBe(400);
    expect(await json(stage)).toMatchObject({
      errors: [
        {
          path: 'stage',
          message:
            "'proposal' is not a stage of pipeline 'dealers' (its stages: prospecting, evaluation, contract, signed, declined)",
        },
      ],
    });
    const negative = await s.request('POST', '/api/deals', 'rep', {
      ...base,
      amount: { amount: -100, currency: 'EUR' },
    });
    expect(negative.status).toBe(400);
    expect(await json(negative)).toMatchObject({
      errors: [{ path: 'amount.amount', message: 'must be >= 0' }],
    });
    const created = await s.request('POST', '/api/deals', 'rep', base);
    expect(created.status).toBe(201);
    expect(await json(created)).toMatchObject({
      ownerId: s.keys.rep.actorId,
      stage: 'qualification',
      weightedAmount: 10,
    });
  });

  it('lets reps see and report only their own deals, and only managers reopen', async () => {
    s = await bootServer();
    const acme = await json(
      await s.request('POST', '/api/customers', 'admin', { kind: 'organisation', name: 'ACME' }),
    );
    const deal = (owner: string, amount: number) =>
      s.request('POST', '/api/deals', 'admin', {
        title: `${owner} deal`,
        customerId: acme.id,
        amount: { amount, currency: 'EUR' },
        ownerId: owner,
        expectedCloseDate: '2026-06-20',
      });
    const mine = (await json(await deal(s.keys.rep.actorId, 1_000))) as unknown as DealRecord;
    await deal(s.keys.rep2.actorId, 5_000);
    const list = await json(await s.request('GET', '/api/deals', 'rep'));
    expect((list.items as DealRecord[]).map((d) => d.id)).toEqual([mine.id]);
    const forecast = await json(await s.request('GET', '/api/sales/forecast', 'rep'));
    expect(forecast).toMatchObject({ totals: { open: { count: 1, amount: 1_000, weighted: 100 } } });
    const all = await json(await s.request('GET', '/api/sales/forecast', 'salesManager'));
    expect(all).toMatchObject({ totals: { open: { count: 2, amount: 6_000 } } });

    const won = await s.request('PATCH', `/api/deals/${mine.id}`, 'rep', { stage: 'won' });
    expect(won.status).toBe(200);
    const repReopen = await s.request('POST', `/api/sales/deals/${mine.id}/reopen`, 'rep', {
      reason: 'oops',
    });
    expect(repReopen.status).toBe(403);
    const reopen = await s.request('POST', `/api/sales/deals/${mine.id}/reopen`, 'manager', {
      reason: 'oops',
      stage: 'proposal',
    });
    expect(reopen.status).toBe(200);
    expect(await json(reopen)).toMatchObject({ stage: 'proposal', probability: 50, reopenReason: 'oops' });
    expect(reopen.headers.get('etag')).toBe('"v3"');
  });

  it('converts a lead over HTTP, and edits automation rules as data', async () => {
    s = await bootServer();
    const rule = await s.request('POST', '/api/sales-rules', 'salesManager', {
      name: 'All leads to Lee',
      trigger: { type: 'lead.created' },
      actions: [{ type: 'assignOwner', ownerId: 'lee' }],
    });
    expect(rule.status).toBe(201);
    expect(
      (
        await s.request('POST', '/api/sales-rules', 'rep', {
          name: 'x',
          trigger: { type: 'lead.created' },
          actions: [],
        })
      ).status,
    ).toBe(403);
    const lead = (await json(
      await s.request('POST', '/api/leads', 'salesManager', {
        name: 'Grace Hopper',
        company: 'Navy',
        email: 'grace@navy.example',
        source: 'event',
        status: 'qualified',
        estimatedValue: { amount: 9_000_00, currency: 'EUR' },
      }),
    )) as unknown as LeadRecord;
    expect(lead.ownerId).toBe('lee');
    const converted = await s.request('POST', `/api/sales/leads/${lead.id}/convert`, 'salesManager', {
      deal: { expectedCloseDate: '2026-09-30' },
    });
    expect(converted.status).toBe(201);
    expect(await json(converted)).toMatchObject({
      customerCreated: true,
      customer: { kind: 'organisation', name: 'Navy', ownerId: 'lee' },
      contact: { name: 'Grace Hopper', email: 'grace@navy.example' },
      deal: { ownerId: 'lee', amount: { amount: 9_000_00 }, expectedCloseDate: '2026-09-30' },
      lead: { status: 'converted' },
    });
    expect((await s.request('POST', `/api/sales/leads/${lead.id}/convert`, 'salesManager')).status).toBe(409);
    expect((await s.request('POST', '/api/sales/leads/nope/convert', 'salesManager')).status).toBe(404);
    const run = await s.request('POST', '/api/sales/rules/run', 'salesManager');
    expect(await json(run)).toEqual({ rules: 0, fired: 0, skipped: 0, failed: 0 });
    expect((await s.request('POST', '/api/sales/rules/run', 'rep')).status).toBe(403);
  });

  it('refuses bodies nested 10,000 deep with a 400 naming the limit, on plugin and deal routes', async () => {
    s = await bootServer();
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const acme = await json(
      await s.request('POST', '/api/customers', 'admin', { kind: 'organisation', name: 'ACME' }),
    );
    const base = { title: 'x', customerId: acme.id, amount: { amount: 100, currency: 'EUR' } };
    const deal = await json(await s.request('POST', '/api/deals', 'rep', base));
    const lead = await json(
      await s.request('POST', '/api/leads', 'salesManager', {
        name: 'Ada',
        company: 'Engines',
        status: 'qualified',
      }),
    );
    const withDeep = (body: Record<string, unknown>, field: string) =>
      `${JSON.stringify(body).slice(0, -1)},"${field}":${deep}}`;
    const answers = [
      await s.request('POST', `/api/sales/leads/${lead.id}/convert`, 'salesManager', `{"deal":${deep}}`),
      await s.request('POST', `/api/sales/deals/${deal.id}/reopen`, 'salesManager', deep),
      await s.request('POST', '/api/deals', 'rep', withDeep(base, 'notes')),
      await s.request('PATCH', `/api/deals/${deal.id}`, 'rep', `{"amount":${deep}}`),
    ];
    for (const res of answers) {
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({
        code: 'VALIDATION_FAILED',
        detail: expect.stringMatching(/^the body nests deeper than 64 levels \(at \w+\.a\.a\.a\.a…\)$/),
        errors: [{ rule: 'maxDepth' }],
      });
    }
    expect(await json(await s.request('GET', `/api/leads/${lead.id}`, 'salesManager'))).toMatchObject({
      status: 'qualified',
      version: 1,
    });
    expect(await json(await s.request('GET', `/api/deals/${deal.id}`, 'rep'))).toMatchObject({ version: 1 });
    expect((await json(await s.request('GET', '/api/deals', 'admin'))).items).toHaveLength(1);
  });

  it('documents its routes in the OpenAPI document', async () => {
    s = await bootServer();
    const doc = await json(await s.app.request('/openapi.json'));
    const paths = Object.keys(doc.paths as object);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/sales/funnel',
        '/api/sales/forecast',
        '/api/sales/velocity',
        '/api/sales/leads/{id}/convert',
        '/api/sales/deals/{id}/reopen',
        '/api/deals',
        '/api/sales-rules',
      ]),
    );
  });
});
