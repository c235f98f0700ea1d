import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@rapport/cli';
import { type Actor, SYSTEM_ACTOR } from '@rapport/core';
import { apiKeys, createApiKey, createServer, type RunningServer, serveRapport } from '@rapport/server';
import { createTestKernel, type TestKernel } from '@rapport/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickstartPlugins } from './plugins.js';

/**
 * The field-permission matrix over the quickstart's demo rules: a viewer never sees a customer's
 * phone or e-mail on any path that returns, filters, sorts, aggregates, exports or searches
 * customers, and a manager does; a sales rep never changes a deal's probability, and a sales
 * manager does. The timeline row adds one rule for this test only (viewers do not see
 * interaction summaries), so the timeline's own reads are put to the test too.
 */
const EMAIL = 'field.rules@example.com';
const PHONE = '+4930555010';
const SUMMARY = 'Asked about the renewal price';

type Seen = { status: number; text: string };

describe('field-permission matrix', () => {
  let t: TestKernel;
  let app: ReturnType<typeof createServer>;
  let served: RunningServer;
  let dir: string;
  let customerId: string;
  let dealId: string;
  const keys: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestKernel({
      plugins: [apiKeys(), ...quickstartPlugins({ customers: 6, deals: 6 })],
      now: '2026-06-01T00:00:00Z',
      access: { fields: { viewer: { interaction: { hidden: ['summary'] } } } },
    });
    app = createServer(t.kernel, { logRequests: false, rateLimit: false });
    served = await serveRapport(t.kernel, app, { port: 0, heap: false, shutdownGraceMs: 100 });
    dir = await mkdtemp(join(tmpdir(), 'field-rules-'));
    const make = async (name: string, roles: string[], attributes?: Record<string, string>) =>
      (await createApiKey(t.kernel, { name, roles, ...(attributes ? { attributes } : {}) })).key;
    keys.viewer = await make('viewer', ['viewer']);
    keys.manager = await make('manager', ['manager']);
    keys.rep = await make('rep', ['salesRep'], { userId: 'rep-1' });
    keys.salesManager = await make('sales manager', ['salesManager']);
    const customer = await t.kernel
      .data('customer', { actor: SYSTEM_ACTOR })
      .create({ kind: 'person', name: 'Field Rules', email: EMAIL, phone: PHONE });
    customerId = customer.id;
    await t.kernel.data('interaction', { actor: SYSTEM_ACTOR }).create({
      customerId,
      channel: 'phone',
      direction: 'inbound',
      subject: 'Call',
      summary: SUMMARY,
      occurredAt: '2026-05-30T10:00:00.000Z',
    });
    dealId = (
      await t.kernel.data('deal', { actor: SYSTEM_ACTOR }).create({
        title: 'Renewal',
        customerId,
        ownerId: 'rep-1',
        amount: { amount: 100_000, currency: 'EUR' },
      })
    ).id;
  }, 120_000);
  afterAll(async () => {
    await served.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const call = async (role: string, method: string, path: string, body?: unknown): Promise<Seen> => {
    const response = await app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${keys[role]}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, text: await response.text() };
  };
  const get = (path: string) => (role: string) => call(role, 'GET', path);
  const exported = async (role: string): Promise<Seen> => {
    let out = '';
    let err = '';
    const stream = (write: (chunk: string) => void) => ({
      write: (chunk: string) => {
        write(chunk);
        return true;
      },
    });
    const status = await runCli(
      [
        'export',
        'customer',
        '--format',
        'csv',
        '--url',
        served.url,
        '--key',
        keys[role] as string,
        '--quiet',
      ],
      { cwd: dir, env: {}, stdout: stream((c) => (out += c)), stderr: stream((c) => (err += c)) },
    );
    return { status: status === 0 ? 200 : status, text: `${out}${err}` };
  };
  const searched = (text: string) => async (role: string) => {
    // What the console's search box sends: a `contains` on each search field the model offers.
    const model = JSON.parse((await call(role, 'GET', '/api/console/model')).text) as {
      entities: Array<{ name: string; search: string[] }>;
    };
    const fields = model.entities.find((entity) => entity.name === 'customer')?.search ?? [];
    const where = { or: fields.map((field) => ({ [field]: { contains: text } })) };
    return call(role, 'GET', `/api/customers?where=${encodeURIComponent(JSON.stringify(where))}`);
  };
  /** The customer fields the console model or the OpenAPI document shows a key. */
  const customerFields = (where: 'console' | 'openapi') => async (role: string) => {
    const seen = await call(role, 'GET', where === 'console' ? '/api/console/model' : '/openapi.json');
    const body = JSON.parse(seen.text);
    const schema =
      where === 'console'
        ? body.entities.find((entity: { name: string }) => entity.name === 'customer')?.schema
        : body.components.schemas.Customer;
    return { status: seen.status, text: JSON.stringify(Object.keys(schema.properties)) };
  };
  const asOwner = async (role: string): Promise<Seen> => {
    // How the webhooks plugin loads an event's subject: the repository as the subscription's owner.
    const owner: Actor = { id: `owner-${role}`, kind: 'user', roles: [role] };
    const record = await t.kernel.data('customer', { actor: owner }).get(customerId);
    return { status: 200, text: JSON.stringify(record) };
  };

  /** Each path: how to call it, and what a viewer and a manager see. */
  const READS: Array<{
    path: string;
    run: (role: string) => Promise<Seen>;
    viewer: 'hidden' | 'refused';
    shows: string;
  }> = [
    { path: 'get', run: (role) => get(`/api/customers/${customerId}`)(role), viewer: 'hidden', shows: EMAIL },
    { path: 'list', run: get('/api/customers?limit=100'), viewer: 'hidden', shows: PHONE },
    { path: 'where', run: get(`/api/customers?where[email]=${EMAIL}`), viewer: 'refused', shows: EMAIL },
    { path: 'sort', run: get('/api/customers?sort=-phone&limit=100'), viewer: 'refused', shows: PHONE },
    {
      path: 'aggregate groupBy',
      run: get('/api/customers/aggregate?groupBy=email&measures[n]=count'),
      viewer: 'refused',
      shows: EMAIL,
    },
    {
      path: 'aggregate measure',
      run: get('/api/customers/aggregate?measures[last]=max:email'),
      viewer: 'refused',
      shows: '"last":',
    },
    { path: 'export (CLI over HTTP)', run: exported, viewer: 'hidden', shows: EMAIL },
    {
      path: 'timeline',
      run: (role) => get(`/api/customers/${customerId}/timeline`)(role),
      viewer: 'hidden',
      shows: SUMMARY,
    },
    { path: 'search', run: searched(EMAIL), viewer: 'hidden', shows: EMAIL },
    { path: 'console model', run: customerFields('console'), viewer: 'hidden', shows: '"email"' },
    { path: 'OpenAPI document', run: customerFields('openapi'), viewer: 'hidden', shows: '"phone"' },
    { path: 'repository as an owner (webhooks)', run: asOwner, viewer: 'hidden', shows: PHONE },
  ];

  it.each(READS)('$path: a viewer does not see the field, a manager does', async ({ run, viewer, shows }) => {
    const asManager = await run('manager');
    expect(asManager.status, asManager.text).toBe(200);
    expect(asManager.text).toContain(shows);
    const asViewer = await run('viewer');
    if (viewer === 'refused') {
      expect(asViewer.status).toBe(403);
      expect(JSON.parse(asViewer.text)).toMatchObject({
        code: 'FIELD_FORBIDDEN',
        details: { entity: 'customer' },
      });
    } else {
      expect(asViewer.status, asViewer.text).toBe(asManager.status);
    }
    expect(asViewer.text).not.toContain(shows);
    expect(asViewer.text).not.toContain(EMAIL);
    expect(asViewer.text).not.toContain(PHONE);
  });

  it('export: the viewer gets the customers without the e-mail and phone columns', async () => {
    const header = (await exported('viewer')).text.split('\n')[0]?.split(',') ?? [];
    expect(header).toContain('name');
    expect(header).not.toContain('email');
    expect(header).not.toContain('phone');
    expect((await exported('manager')).text.split('\n')[0]?.split(',')).toEqual(
      expect.arrayContaining(['email', 'phone']),
    );
  });

  it("write: a sales rep never changes a deal's probability, a sales manager does", async () => {
    const refused = await call('rep', 'PATCH', `/api/deals/${dealId}`, { probability: 90 });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text)).toMatchObject({
      code: 'FIELD_FORBIDDEN',
      details: { entity: 'deal', field: 'probability', rule: 'readOnly' },
    });
    // The rep still moves the deal, and the stage sets the probability.
    const moved = await call('rep', 'PATCH', `/api/deals/${dealId}`, { stage: 'proposal' });
    expect(moved.status, moved.text).toBe(200);
    expect(JSON.parse(moved.text)).toMatchObject({ stage: 'proposal', probability: 50 });
    const changed = await call('salesManager', 'PATCH', `/api/deals/${dealId}`, { probability: 65 });
    expect(changed.status, changed.text).toBe(200);
    expect(JSON.parse(changed.text)).toMatchObject({ probability: 65 });
    // The console shows the rep the probability, locked; the sales manager may edit it.
    const locked = async (role: string) =>
      (
        JSON.parse((await call(role, 'GET', '/api/console/model')).text) as {
          entities: Array<{ name: string; locked: string[] }>;
        }
      ).entities.find((entity) => entity.name === 'deal')?.locked;
    expect(await locked('rep')).toEqual(['probability']);
    expect(await locked('salesManager')).toEqual([]);
  });
});
