import { describe, expect, it } from 'vitest';
import { createKernel } from '../kernel/create-kernel.js';
import { memoryStore } from '../store/memory-store.js';
import { silent } from '../test-support/boot.js';
import { definePlugin, type RegisterContext } from './define-plugin.js';

const plugin = (id: string, register: (ctx: RegisterContext) => void) =>
  definePlugin({ id, version: '1.0.0', register })();

describe('public routes and link purposes, as declared in register', () => {
  it('mounts public routes at /p/<plugin>[/<path>] beside the /api ones', async () => {
    const app = { kind: 'hono app' };
    const kernel = await createKernel({
      store: memoryStore(),
      logger: silent,
      plugins: [
        plugin('tickets', (ctx) => {
          ctx.routes.mount(app);
          ctx.routes.public(app, { path: 'csat', messages: { defaultLocale: 'en', messages: { en: {} } } });
          ctx.routes.public(app, { path: 'sms/inbound', security: 'signature' });
          ctx.routes.public(app);
        }),
      ],
    });
    expect(kernel.routes.map((mount) => mount.path)).toEqual(['tickets']);
    expect(kernel.publicRoutes.map(({ prefix, security }) => [prefix, security])).toEqual([
      ['/p/tickets/csat', 'linkToken'],
      ['/p/tickets/sms/inbound', 'signature'],
      ['/p/tickets', 'linkToken'],
    ]);
    expect(kernel.publicRoutes[0]?.messages?.defaultLocale).toBe('en');
  });

  it('gathers every bad declaration into one boot error naming the plugin', async () => {
    const failure = await createKernel({
      store: memoryStore(),
      logger: silent,
      plugins: [
        plugin('tickets', (ctx) => {
          ctx.routes.public({}, { path: '../api' });
          ctx.routes.public({}, { path: 'rate' });
          ctx.routes.public({}, { path: 'rate' });
          ctx.routes.public({}, { security: 'cookie' as never });
          ctx.links.purpose('tickets.csat', { use: 'single', ttl: '14d' });
          ctx.links.purpose('tickets.csat', { use: 'single', ttl: '14d' });
          ctx.links.purpose('sales.csat', { use: 'single', ttl: '14d' });
          ctx.links.purpose('tickets.forever', { use: 'reusable', ttl: '400d' });
          ctx.links.purpose('tickets.twice', { use: 'twice' as never, ttl: '1d' });
          ctx.links.purpose('tickets.never', { use: 'single', ttl: '0s' as never });
        }),
      ],
    }).catch((error: unknown) => error);
    expect((failure as { failures: Array<{ plugin: string; message: string }> }).failures).toEqual(
      [
        "public route path '../api' must be lower-case segments of letters, digits and - (such as 'rate' or 'csat/form')",
        'public routes are already mounted at /p/tickets/rate',
        "public routes at /p/tickets: security must be 'linkToken' or 'signature'",
        "link purpose 'tickets.csat' is already declared by 'tickets'",
        "link purpose 'sales.csat' must be 'tickets.<name>' (letters, digits, - and .)",
        "link purpose 'tickets.forever': ttl may be at most 366 days",
        "link purpose 'tickets.twice': use must be 'single' or 'reusable'",
        expect.stringContaining("link purpose 'tickets.never': ttl '0s' is not a positive duration"),
      ].map((message) => ({ plugin: 'tickets', phase: 'register', message })),
    );
  });

  it('refuses the declarations outside register', async () => {
    let saved: RegisterContext | undefined;
    await createKernel({
      store: memoryStore(),
      logger: silent,
      plugins: [
        plugin('late', (ctx) => {
          saved = ctx;
        }),
      ],
    });
    expect(() => saved?.routes.public({})).toThrow('late: routes.public is a declaration');
    expect(() => saved?.links.purpose('late.x', { use: 'single', ttl: '1d' })).toThrow(
      'late: links.purpose is a declaration',
    );
  });
});
