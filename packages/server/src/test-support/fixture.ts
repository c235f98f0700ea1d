import { defineEntity, definePlugin, jsonResponse, schemaRef } from '@rapport/core';
import { createTestKernel, type TestKernel, type TestKernelOptions } from '@rapport/core/testing';
import { Hono } from 'hono';
import { apiKeys } from '../auth/api-key-entity.js';
import { createApiKey } from '../auth/api-keys.js';
import { createServer, type ServerOptions } from '../create-server.js';
import type { RapportEnv } from '../http/env.js';

/** The entity the server tests use: every field type, a team for record rules. */
export const TicketEntity = defineEntity<{
  title: string;
  team: string;
  priority?: number;
  counter?: number;
  tags?: string[];
  closed?: boolean;
}>({
  name: 'serviceTicket',
  plural: 'serviceTickets',
  description: 'A support ticket.',
  schema: {
    type: 'object',
    properties: {
      title: { type: 'string', minLength: 1, maxLength: 200 },
      team: { type: 'string', enum: ['north', 'south'] },
      priority: { type: 'integer', minimum: 1, maximum: 5 },
      counter: { type: 'integer' },
      tags: { type: 'array', items: { type: 'string' } },
      closed: { type: 'boolean' },
    },
    required: ['title', 'team'],
  },
  indexes: ['team'],
});

/** A plugin with the ticket entity, a team record rule, a metric and a plugin route. */
export const helpdesk = definePlugin({
  id: 'helpdesk',
  version: '1.0.0',
  register(ctx) {
    ctx.entities.define(TicketEntity);
    ctx.access.rule({
      id: 'helpdesk.ownTeam',
      entity: 'serviceTicket',
      where: (actor) => (actor.attributes?.team ? { team: String(actor.attributes.team) } : undefined),
    });
    ctx.access.grant('reader', ['serviceTicket:read']);
    ctx.metrics.define({
      id: 'helpdesk.open',
      unit: 'count',
      better: 'lower',
      parameters: {
        properties: { team: { type: 'string', enum: ['north', 'south'] }, min: { type: 'integer' } },
      },
      compute: (_period, m) =>
        m.data('serviceTicket').count({
          closed: { ne: true },
          ...(m.params.team ? { team: m.params.team as string } : {}),
          ...(m.params.min !== undefined ? { priority: { gte: m.params.min as number } } : {}),
        }),
    });
    const routes = new Hono<RapportEnv>().get('/summary', async (c) => {
      const rows = await c
        .get('kernel')
        .data('serviceTicket', { actor: c.get('actor') })
        .aggregate({ groupBy: ['team'], measures: { n: 'count' } });
      return c.json({ rows });
    });
    // A route that takes `?ms=` milliseconds, for the request time limit.
    routes.get('/slow', async (c) => {
      await new Promise((resolve) => setTimeout(resolve, Number(c.req.query('ms') ?? 0)));
      return c.json({ done: true });
    });
    ctx.routes.mount(routes, {
      openapi: {
        '/summary': {
          get: {
            operationId: 'helpdeskSummary',
            summary: 'Tickets per team',
            responses: { '200': jsonResponse('Tickets per team.', schemaRef('HelpdeskSummary')) },
          },
        },
      },
      schemas: {
        HelpdeskSummary: {
          type: 'object',
          properties: {
            rows: {
              type: 'array',
              items: {
                type: 'object',
                properties: { team: { type: 'string' }, n: { type: 'integer' } },
                required: ['team', 'n'],
              },
            },
          },
          required: ['rows'],
        },
      },
    });
  },
});

/** A booted test kernel, its app, and keys for each role the tests use. */
export interface ServerFixture {
  t: TestKernel;
  app: Hono<RapportEnv>;
  keys: { admin: string; agentNorth: string; viewer: string; reader: string; none: string };
  auth(key: string, headers?: Record<string, string>): Record<string, string>;
}

/**
 * Boots the fixture with API keys for admin, a north-team agent, a viewer, a reader and a role-less
 * key. `kernel` adds kernel options; its `plugins` come beside the fixture's.
 */
export async function bootServer(
  options: ServerOptions = {},
  kernel: TestKernelOptions = {},
): Promise<ServerFixture> {
  const t = await createTestKernel({
    query: { maxLimit: 100 },
    access: { roles: { nobody: ['nothing:read'] } },
    ...kernel,
    plugins: [apiKeys(), helpdesk(), ...(kernel.plugins ?? [])],
  });
  const app = createServer(t.kernel, { logRequests: false, ...options });
  const make = async (name: string, roles: string[], attributes?: Record<string, string>) =>
    (await createApiKey(t.kernel, { name, roles, ...(attributes ? { attributes } : {}) })).key;
  const keys = {
    admin: await make('admin', ['admin']),
    agentNorth: await make('agent north', ['agent'], { team: 'north' }),
    viewer: await make('viewer', ['viewer']),
    reader: await make('reader', ['reader']),
    none: await make('none', ['nobody']),
  };
  return { t, app, keys, auth: (key, headers = {}) => ({ authorization: `Bearer ${key}`, ...headers }) };
}
