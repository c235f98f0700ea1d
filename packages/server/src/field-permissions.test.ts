import { SYSTEM_ACTOR } from '@rapport/core';
import { createTestKernel, type TestKernel } from '@rapport/core/testing';
import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from './auth/api-key-entity.js';
import { createApiKey } from './auth/api-keys.js';
import { createServer } from './create-server.js';
import type { ConsoleModel } from './routes/console-routes.js';
import { helpdesk } from './test-support/fixture.js';

/**
 * Field rules over HTTP: a viewer never sees a ticket's priority or tags, an agent sees the
 * counter but may not change it; the problem a refusal answers, the OpenAPI document each key is
 * shown and the console model.
 */
describe('field permissions over HTTP', () => {
  let t: TestKernel;
  let app: ReturnType<typeof createServer>;
  let id: string;
  const keys: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestKernel({
      plugins: [apiKeys(), helpdesk()],
      access: {
        fields: {
          viewer: { serviceTicket: { hidden: ['priority', 'tags'] } },
          agent: { serviceTicket: { readOnly: ['counter'] } },
        },
      },
    });
    app = createServer(t.kernel, { logRequests: false, rateLimit: false });
    for (const role of ['viewer', 'agent', 'manager']) {
      keys[role] = (await createApiKey(t.kernel, { name: role, roles: [role] })).key;
    }
    id = (
      await t.kernel
        .data('serviceTicket', { actor: SYSTEM_ACTOR })
        .create({ title: 'Printer', team: 'north', priority: 2, counter: 1, tags: ['hw'] })
    ).id;
  });
  afterAll(() => t.stop());

  const call = async (role: string, method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: {
        ...(role ? { authorization: `Bearer ${keys[role]}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('leaves hidden fields out of get and list, and answers a manager every field', async () => {
    const viewer = await call('viewer', 'GET', `/api/service-tickets/${id}`);
    expect(viewer.status).toBe(200);
    expect(viewer.body).toMatchObject({ title: 'Printer', counter: 1 });
    expect(viewer.body).not.toHaveProperty('priority');
    expect(viewer.body).not.toHaveProperty('tags');
    const list = await call('viewer', 'GET', '/api/service-tickets');
    expect((list.body.items as object[])[0]).not.toHaveProperty('priority');
    expect((await call('manager', 'GET', `/api/service-tickets/${id}`)).body).toMatchObject({
      priority: 2,
      tags: ['hw'],
    });
  });

  it('answers a query on a hidden field with a 403 FIELD_FORBIDDEN problem naming it', async () => {
    const refused = await call('viewer', 'GET', '/api/service-tickets?where[priority][gte]=2');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'FIELD_FORBIDDEN',
      details: { entity: 'serviceTicket', field: 'priority', rule: 'hidden', at: 'where' },
    });
    const grouped = await call(
      'viewer',
      'GET',
      '/api/service-tickets/aggregate?groupBy=tags&measures[n]=count',
    );
    expect(grouped).toMatchObject({ status: 403, body: { details: { field: 'tags', at: 'groupBy' } } });
    expect((await call('manager', 'GET', '/api/service-tickets?where[priority][gte]=2')).status).toBe(200);
  });

  it('refuses an agent changing a read-only field with 403, and lets a manager', async () => {
    const refused = await call('agent', 'PATCH', `/api/service-tickets/${id}`, { counter: 5 });
    expect(refused).toMatchObject({
      status: 403,
      body: { code: 'FIELD_FORBIDDEN', details: { field: 'counter', rule: 'readOnly', fields: ['counter'] } },
    });
    expect((await call('agent', 'PATCH', `/api/service-tickets/${id}`, { title: 'Printer 2' })).status).toBe(
      200,
    );
    expect((await call('manager', 'PATCH', `/api/service-tickets/${id}`, { counter: 5 })).body).toMatchObject(
      {
        counter: 5,
      },
    );
  });

  it('shows each key the OpenAPI document of its roles: hidden fields left out, read-only ones marked', async () => {
    const schemas = async (role: string) => {
      const { status, body } = await call(role, 'GET', '/openapi.json');
      expect(status).toBe(200);
      return (
        body.components as { schemas: Record<string, { properties: Record<string, { readOnly?: boolean }> }> }
      ).schemas;
    };
    const anonymous = await schemas('');
    expect(Object.keys(anonymous.ServiceTicket?.properties ?? {})).toEqual(
      expect.arrayContaining(['priority', 'tags']),
    );
    const viewer = await schemas('viewer');
    for (const name of ['ServiceTicket', 'ServiceTicketInput', 'ServiceTicketPatch']) {
      expect(Object.keys(viewer[name]?.properties ?? {})).not.toContain('priority');
      expect(Object.keys(viewer[name]?.properties ?? {})).not.toContain('tags');
      expect(Object.keys(viewer[name]?.properties ?? {})).toContain('title');
    }
    const agent = await schemas('agent');
    expect(agent.ServiceTicket?.properties.counter?.readOnly).toBe(true);
    expect(agent.ServiceTicketPatch?.properties.counter?.readOnly).toBe(true);
    expect(agent.ServiceTicket?.properties.priority?.readOnly).toBeUndefined();
    expect((await schemas('manager')).ServiceTicket?.properties.counter?.readOnly).toBeUndefined();
    // Still a valid document, and a bad key is refused rather than shown the anonymous one.
    const document = (await call('viewer', 'GET', '/openapi.json')).body;
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    const bad = await app.request('/openapi.json', { headers: { authorization: 'Bearer rk_nope' } });
    expect(bad.status).toBe(401);
  });

  it('reflects the rules in the console model: no hidden field, search or index; read-only ones locked', async () => {
    const entityOf = async (role: string) =>
      ((await call(role, 'GET', '/api/console/model')).body as unknown as ConsoleModel).entities.find(
        (entity) => entity.name === 'serviceTicket',
      );
    const viewer = await entityOf('viewer');
    expect(Object.keys(viewer?.schema.properties ?? {})).not.toContain('priority');
    expect(viewer?.locked).toEqual([]);
    const agent = await entityOf('agent');
    expect(agent?.locked).toEqual(['counter']);
    expect(agent?.schema.properties?.counter?.readOnly).toBe(true);
    expect((await entityOf('manager'))?.locked).toEqual([]);
  });
});
