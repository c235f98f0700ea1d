import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/actor.js';
import { referenceTo } from '../entities/schema-annotations.js';
import { BootError } from '../errors.js';
import { definePlugin } from '../plugins/define-plugin.js';
import { bootKernel, customersPlugin } from '../test-support/boot.js';
import type { ViewDefinition } from './view-types.js';

const board: ViewDefinition = {
  id: 'crm.board',
  kind: 'kanban',
  title: { en: 'Customers by team', 'zh-Hans': '按团队' },
  entity: 'customer',
  laneField: 'team',
  lanes: { values: [{ value: 'north' }, { value: 'south' }] },
  card: { title: 'name', fields: ['score'] },
};

const crm = (
  views: ViewDefinition[],
  extra: (ctx: Parameters<Parameters<typeof definePlugin>[0]['register']>[0]) => void = () => {},
) =>
  definePlugin({
    id: 'crm',
    version: '1',
    dependsOn: ['customers'],
    register(ctx) {
      ctx.access.grant('metricsOnly', ['metric:read']);
      ctx.metrics.define({
        id: 'crm.customers',
        unit: 'count',
        better: 'higher',
        compute: (_period, m) => m.data('customer').count(),
      });
      ctx.metrics.define({
        id: 'crm.secret',
        unit: 'count',
        better: 'higher',
        access: { permission: 'crm:readAll' },
        compute: async () => 1,
      });
      for (const view of views) ctx.views.declare(view);
      extra(ctx);
    },
  });

async function bootFailures(views: ViewDefinition[], extra?: Parameters<typeof crm>[1]) {
  const error = await bootKernel({ plugins: [customersPlugin(), crm(views, extra)()] }).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BootError);
  return (error as BootError).failures.map((f) => f.message);
}

describe('console views', () => {
  it('lists declared views and shows each caller only those whose records and metrics it may read', async () => {
    const views: ViewDefinition[] = [
      board,
      { id: 'crm.count', kind: 'tile', title: 'Customers', metric: 'crm.customers', period: 'month' },
      { id: 'crm.hidden', kind: 'tile', title: 'Secret', metric: 'crm.secret', period: 'month' },
      { id: 'crm.home', kind: 'dashboard', title: 'Home', items: ['crm.count', 'crm.hidden'] },
    ];
    const { kernel } = await bootKernel({
      plugins: [
        customersPlugin(),
        crm(views, (ctx) => {
          ctx.views.menu({ id: 'crm.boardMenu', title: 'Board', target: { view: 'crm.board' }, order: 2 });
          ctx.views.menu({
            id: 'crm.customersMenu',
            title: 'Customers',
            target: { entity: 'customer' },
            order: 1,
          });
        })(),
      ],
    });
    expect(kernel.views.list().map((v) => v.id)).toEqual([
      'crm.board',
      'crm.count',
      'crm.hidden',
      'crm.home',
    ]);
    const viewer: Actor = { id: 'v', kind: 'user', roles: ['viewer'] };
    const seen = kernel.views.visibleTo(viewer);
    expect(seen.views.map((v) => v.id)).toEqual(['crm.board', 'crm.count', 'crm.home']);
    expect(seen.menu.map((m) => m.id)).toEqual(['crm.customersMenu', 'crm.boardMenu']);
    const metricsOnly: Actor = { id: 'm', kind: 'user', roles: ['metricsOnly'] };
    const few = kernel.views.visibleTo(metricsOnly);
    expect(few.views.map((v) => v.id)).toEqual(['crm.count', 'crm.home']);
    expect(few.menu).toEqual([]);
    const admin: Actor = { id: 'a', kind: 'user', roles: ['admin'] };
    expect(kernel.views.visibleTo(admin).views).toHaveLength(4);
  });

  it('offers an action to callers with its permission, and refuses one with a bad route, permission or entity', async () => {
    const action: ViewDefinition = {
      id: 'crm.archive',
      kind: 'action',
      title: 'Archive',
      entity: 'customer',
      route: '/api/crm/customers/{id}/archive',
      when: { team: { ne: 'archived' } },
      permission: 'customer:update',
      open: { entity: 'customer', id: 'customer.id' },
    };
    const { kernel } = await bootKernel({ plugins: [customersPlugin(), crm([action])()] });
    const viewer: Actor = { id: 'v', kind: 'user', roles: ['viewer'] };
    expect(kernel.views.visibleTo(viewer).views).toEqual([]);
    const admin: Actor = { id: 'a', kind: 'user', roles: ['admin'] };
    expect(kernel.views.visibleTo(admin).views).toEqual([action]);
    const failures = await bootFailures([
      {
        ...action,
        id: 'crm.badAction',
        route: 'http://elsewhere/x',
        permission: 'update',
        entity: 'ghost',
        input: { type: 'string' },
        freshKey: 'idempotency key',
        preview: { route: '/elsewhere' },
      },
      {
        ...action,
        id: 'crm.badPicker',
        input: { type: 'object', properties: { from: referenceTo('ghost') } },
      },
    ]);
    expect(failures).toEqual([
      "view 'crm.badAction': names entity 'ghost', which no plugin defines",
      "view 'crm.badAction': route must start with /api/",
      "view 'crm.badAction': permission 'update' is not 'entity:action'",
      "view 'crm.badAction': input must be a JSON Schema object with properties",
      "view 'crm.badAction': freshKey 'idempotency key' is not a field name",
      "view 'crm.badAction': preview.route must start with /api/",
      "view 'crm.badPicker': names entity 'ghost', which no plugin defines",
    ]);
    const asking: ViewDefinition = {
      ...action,
      id: 'crm.note',
      input: { type: 'object', properties: { note: { type: 'string' }, from: referenceTo('customer') } },
      freshKey: 'idempotencyKey',
      preview: { route: '/api/crm/customers/{id}/archive-preview', show: ['moved'] },
    };
    const booted = await bootKernel({ plugins: [customersPlugin(), crm([asking])()] });
    expect(booted.kernel.views.visibleTo(admin).views).toEqual([asking]);
  });

  it('declares a row of tiles over one period and returns their ids for a dashboard', async () => {
    let ids: string[] = [];
    const { kernel } = await bootKernel({
      plugins: [
        customersPlugin(),
        crm([], (ctx) => {
          ids = ctx.views.tiles(
            [
              ['crm.countTile', 'crm.customers', { en: 'Customers', 'zh-Hans': '客户' }],
              ['crm.secretTile', 'crm.secret', 'Secret'],
            ],
            { period: 'quarter' },
          );
          ctx.views.declare({ id: 'crm.tiles', kind: 'dashboard', title: 'Tiles', items: ids });
        })(),
      ],
    });
    expect(ids).toEqual(['crm.countTile', 'crm.secretTile']);
    expect(kernel.views.list().filter((v) => v.kind === 'tile')).toEqual([
      {
        id: 'crm.countTile',
        kind: 'tile',
        title: { en: 'Customers', 'zh-Hans': '客户' },
        metric: 'crm.customers',
        period: 'quarter',
      },
      { id: 'crm.secretTile', kind: 'tile', title: 'Secret', metric: 'crm.secret', period: 'quarter' },
    ]);
    const failures = await bootFailures([], (ctx) => {
      ctx.views.tiles([['crm.badTile', 'crm.nothing', 'Nothing']], { period: 'month' });
    });
    expect(failures.join('\n')).toContain('crm.nothing');
  });

  it('refuses views naming unknown entities, fields, metrics or views at boot, naming each', async () => {
    const failures = await bootFailures([
      { ...board, id: 'crm.badField', card: { title: 'nickname' } },
      { id: 'crm.badEntity', kind: 'list', title: 'X', entity: 'ghost', columns: ['name'] },
      { id: 'crm.badMetric', kind: 'tile', title: 'X', metric: 'crm.nope', period: 'month' },
      { id: 'crm.badDash', kind: 'dashboard', title: 'X', items: ['crm.badField', 'crm.missing'] },
      { id: 'crm.badSort', kind: 'list', title: 'X', entity: 'customer', columns: ['name'], sort: ['-nope'] },
      {
        id: 'crm.badElement',
        kind: 'custom',
        title: 'X',
        element: 'Widget',
        module: '../../etc/passwd.js',
        hostApi: 1,
        placement: { page: true },
      },
    ]);
    expect(failures).toEqual([
      "view 'crm.badField': field 'nickname' is not a field of customer",
      "view 'crm.badEntity': names entity 'ghost', which no plugin defines",
      "view 'crm.badMetric': names metric 'crm.nope', which no plugin defines",
      "view 'crm.badDash': shows view 'crm.badField', a kanban: only tiles and charts",
      "view 'crm.badDash': shows view 'crm.missing', which no plugin declares",
      "view 'crm.badSort': sort '-nope' is not a field of customer",
      "view 'crm.badElement': 'Widget' is not a custom element name (lower case, with a hyphen)",
      "view 'crm.badElement': module '../../etc/passwd.js' must be a relative path to a .js file under the plugin's console assets",
      "view 'crm.badElement': needs console assets: ctx.views.assets(folder)",
    ]);
  });

  it('refuses ids outside the plugin prefix, duplicates, unknown kinds and dangling menu targets', async () => {
    const failures = await bootFailures(
      [board, board, { ...board, id: 'other.board' }, { ...board, id: 'crm.x', kind: 'map' } as never],
      (ctx) => ctx.views.menu({ id: 'crm.menu', title: 'M', target: { view: 'crm.nothing' } }),
    );
    expect(failures).toEqual([
      "view 'crm.board' is already declared by 'crm'",
      "view id 'other.board' must start with 'crm.' (at most 120 characters)",
      "view 'crm.x': kind 'map' is not one of list, form, kanban, chart, tile, panel, dashboard, custom, action",
      "menu entry 'crm.menu' opens view 'crm.nothing', which no plugin declares",
    ]);
  });
});
