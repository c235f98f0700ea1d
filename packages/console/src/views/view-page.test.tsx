import type { ViewDefinition } from '@rapport/core';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleEntity, ConsoleModel } from '../api/model.js';
import type { EntityRecord } from '../api/records.js';
import { installFakeApi, json } from '../test-support/fake-api.js';
import { CONTACT, CUSTOMER } from '../test-support/fake-model.js';
import { renderConsole } from '../test-support/render.js';

const DEAL: ConsoleEntity = {
  name: 'deal',
  plural: 'deals',
  path: 'deals',
  schema: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      title: { type: 'string', maxLength: 200 },
      stage: { type: 'string', maxLength: 50 },
      probability: { type: 'integer', minimum: 0, maximum: 100 },
      ownerId: { type: 'string', maxLength: 200 },
      customerId: { type: 'string', maxLength: 200 },
    },
  },
  readOnly: [],
  search: ['title'],
  indexed: ['stage'],
  can: { create: true, update: true, delete: true },
};

const VIEWS: ViewDefinition[] = [
  {
    id: 'sales.board',
    kind: 'kanban',
    title: { en: 'Pipeline', 'zh-Hans': '销售管道' },
    entity: 'deal',
    laneField: 'stage',
    lanes: {
      values: [
        { value: 'qualification', title: 'Qualification' },
        { value: 'proposal', title: 'Proposal' },
      ],
    },
    card: { title: 'title', fields: ['probability'] },
  },
  { id: 'sales.winRate', kind: 'tile', title: 'Win rate', metric: 'sales.winRate', period: 'quarter' },
  {
    id: 'sales.byStage',
    kind: 'chart',
    chart: 'pie',
    title: 'Deals by stage',
    source: { aggregate: { entity: 'deal', groupBy: ['stage'], measure: 'count' } },
  },
  { id: 'sales.home', kind: 'dashboard', title: 'Sales', items: ['sales.winRate', 'sales.byStage'] },
  {
    id: 'sales.mine',
    kind: 'list',
    title: 'My deals',
    entity: 'deal',
    columns: ['title', 'stage'],
    where: { ownerId: '$me' },
  },
  {
    id: 'customers.timeline',
    kind: 'panel',
    title: 'Timeline',
    entity: 'customer',
    content: { route: '/api/customers/{id}/timeline', render: 'timeline' },
  },
];

const MODEL: ConsoleModel = {
  entities: [CUSTOMER, CONTACT, DEAL],
  views: VIEWS,
  menu: [
    {
      id: 'sales.boardMenu',
      title: { en: 'Pipeline', 'zh-Hans': '销售管道' },
      group: 'Sales',
      target: { view: 'sales.board' },
    },
  ],
  metrics: [
    {
      id: 'sales.winRate',
      unit: 'ratio',
      better: 'higher',
      plugin: 'sales',
      access: 'caller',
    } as ConsoleModel['metrics'][number],
  ],
};

const ME = {
  user: {
    id: 'u1',
    name: 'Ada',
    email: 'ada@example.com',
    roles: ['salesRep'],
    language: 'en',
    timeZone: 'UTC',
  },
  permissions: ['*:*'],
};

function deals(): EntityRecord[] {
  return [
    {
      id: 'd1',
      version: 4,
      createdAt: '',
      updatedAt: '',
      title: 'Printers for Acme',
      stage: 'qualification',
      probability: 10,
      ownerId: 'u1',
    },
    {
      id: 'd2',
      version: 1,
      createdAt: '',
      updatedAt: '',
      title: 'Globex renewal',
      stage: 'proposal',
      probability: 50,
      ownerId: 'u2',
    },
  ];
}

describe('declared views', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('puts menu entries in their group, in the language of the person', async () => {
    installFakeApi({
      model: MODEL,
      me: { ...ME, user: { ...ME.user, language: 'zh-CN' } },
      records: { customers: [], contacts: [], deals: deals() },
    });
    renderConsole('/');
    const nav = await screen.findByRole('navigation', { name: '主导航' });
    expect(within(nav).getByRole('region', { name: 'Sales' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: '销售管道' }).getAttribute('href')).toBe(
      '/console/views/sales.board',
    );
  });

  it('switches the language from the top bar, and remembers the choice', async () => {
    const user = userEvent.setup();
    installFakeApi({ model: MODEL, me: ME, records: { customers: [], contacts: [], deals: deals() } });
    renderConsole('/');
    await screen.findByRole('navigation', { name: 'Main navigation' });
    await user.selectOptions(screen.getByLabelText('Language'), 'zh-Hans');
    const nav = await screen.findByRole('navigation', { name: '主导航' });
    expect(within(nav).getByRole('link', { name: '销售管道' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-Hans');
    expect(localStorage.getItem('rapport.console.language')).toBe('zh-Hans');
  });

  it('moves a kanban card to another lane with If-Match, and explains a refused move', async () => {
    const user = userEvent.setup();
    let refuse = false;
    const seen = installFakeApi({
      model: MODEL,
      me: ME,
      records: { customers: [], contacts: [], deals: deals() },
      route: (method) =>
        method === 'PATCH' && refuse
          ? json(
              {
                status: 409,
                code: 'CONFLICT',
                detail: 'a won deal cannot go back to proposal',
                details: { kind: 'state' },
              },
              409,
            )
          : undefined,
    });
    renderConsole('/views/sales.board');
    const qualification = await screen.findByRole('region', { name: 'Qualification' });
    await within(qualification).findByRole('link', { name: 'Printers for Acme' });
    await user.selectOptions(within(qualification).getByLabelText('Move to'), 'proposal');
    await waitFor(() => expect(seen.some((request) => request.method === 'PATCH')).toBe(true));
    const patch = seen.find((request) => request.method === 'PATCH');
    expect(patch?.url.pathname).toBe('/api/deals/d1');
    expect(patch?.body).toEqual({ stage: 'proposal' });
    expect(patch?.headers.get('if-match')).toBe('"v4"');
    const proposal = screen.getByRole('region', { name: 'Proposal' });
    await within(proposal).findByRole('link', { name: 'Printers for Acme' });
    expect(screen.getByRole('status').textContent).toContain('Moved to Proposal');
    refuse = true;
    await user.selectOptions(
      within(proposal).getAllByLabelText('Move to')[0] as HTMLElement,
      'qualification',
    );
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toContain('a won deal cannot go back to proposal'),
    );
  });

  it('shows a dashboard of a metric tile and an aggregate chart with its numbers', async () => {
    installFakeApi({
      model: MODEL,
      me: ME,
      records: { customers: [], contacts: [], deals: deals() },
      route: (_method, url) => {
        if (url.pathname === '/api/metrics/sales.winRate')
          return json({
            id: 'sales.winRate',
            unit: 'ratio',
            value: url.searchParams.get('at') ? 0.25 : 0.375,
            from: '2026-04-01T00:00:00Z',
            to: '2026-07-01T00:00:00Z',
          });
        if (url.pathname === '/api/deals/aggregate' && url.searchParams.get('groupBy') === 'stage')
          return json({
            rows: [
              { stage: 'qualification', value: 3 },
              { stage: 'proposal', value: 1 },
            ],
          });
        return undefined;
      },
    });
    renderConsole('/views/sales.home');
    const tile = await screen.findByRole('region', { name: 'Win rate' });
    await within(tile).findByText('37.5%');
    expect(within(tile).getByText(/Previous period: 25%/)).toBeTruthy();
    const chart = screen.getByRole('region', { name: 'Deals by stage' });
    expect(await within(chart).findByRole('img', { name: 'Deals by stage' })).toBeTruthy();
    expect(await within(chart).findByRole('cell', { name: 'qualification' })).toBeTruthy();
    expect(within(chart).getByRole('cell', { name: '3' })).toBeTruthy();
  });

  it("fills $me in a list view's fixed filter with the caller's id", async () => {
    const seen = installFakeApi({
      model: MODEL,
      me: ME,
      records: { customers: [], contacts: [], deals: deals() },
    });
    renderConsole('/views/sales.mine');
    const table = await screen.findByRole('table', { name: 'My deals' });
    await within(table).findByRole('link', { name: 'Printers for Acme' });
    expect(within(table).queryByText('Globex renewal')).toBeNull();
    const list = seen.filter((request) => request.url.pathname === '/api/deals').pop();
    expect(JSON.parse(list?.url.searchParams.get('where') as string)).toEqual({ ownerId: 'u1' });
  });

  it("renders a route panel on the record page, and the record's related records", async () => {
    installFakeApi({
      model: MODEL,
      me: ME,
      records: {
        customers: [
          {
            id: 'c1',
            version: 1,
            createdAt: '2026-01-01T00:00:00Z',
            updatedAt: '2026-01-01T00:00:00Z',
            name: 'Acme',
            kind: 'organisation',
          },
        ],
        contacts: [{ id: 'k1', version: 1, createdAt: '', updatedAt: '', name: 'Wile E.', customerId: 'c1' }],
        deals: [],
      },
      route: (_method, url) =>
        url.pathname === '/api/customers/c1/timeline'
          ? json({
              items: [
                { id: 't1', at: '2026-05-01T09:00:00Z', title: 'Called about printers', channel: 'phone' },
              ],
            })
          : url.pathname === '/api/audit'
            ? json({
                items: [
                  {
                    id: 'a1',
                    at: '2026-01-01T00:00:00Z',
                    actorId: 'u1',
                    actorKind: 'user',
                    action: 'create',
                    changes: { name: { from: null, to: 'Acme' } },
                  },
                ],
              })
            : undefined,
    });
    renderConsole('/records/customers/c1');
    await screen.findByRole('heading', { level: 1, name: 'Acme' });
    const timeline = await screen.findByRole('region', { name: 'Timeline' });
    expect(await within(timeline).findByText('Called about printers')).toBeTruthy();
    const contacts = await screen.findByRole('region', { name: 'Related Contacts' });
    expect(await within(contacts).findByRole('link', { name: 'Wile E.' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Related Deals' })).toBeNull();
    const history = screen.getByRole('region', { name: 'History' });
    expect(await within(history).findByText(/Acme/)).toBeTruthy();
  });
});
