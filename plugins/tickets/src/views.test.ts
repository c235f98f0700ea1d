import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { bootTickets } from './test-support/boot.js';

let t: TestKernel | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const ids = (views: ReadonlyArray<{ id: string }>) => views.map((v) => v.id).sort();

describe('console views', () => {
  it('declares lists, a status board, panels, tiles and a dashboard, checked against the entities at boot', async () => {
    t = await bootTickets();
    const { views, menu } = t.kernel.views.visibleTo(t.admin);
    const mine = views.filter((v) => v.id.startsWith('tickets.'));
    expect(ids(mine)).toEqual([
      'tickets.assetTickets',
      'tickets.backlogByWeek',
      'tickets.backlogTile',
      'tickets.board',
      'tickets.byStatus',
      'tickets.complaintRateTile',
      'tickets.csatTile',
      'tickets.customerAssets',
      'tickets.customerTickets',
      'tickets.dashboard',
      'tickets.firstResponseTile',
      'tickets.myTickets',
      'tickets.openTickets',
      'tickets.reopenRateTile',
      'tickets.replies',
      'tickets.resolutionTile',
      'tickets.slaMetByWeek',
      'tickets.slaMetTile',
      'tickets.statusHistory',
      'tickets.tickets',
    ]);
    const list = mine.find((v) => v.id === 'tickets.tickets');
    expect(list).toMatchObject({ kind: 'list', entity: 'ticket' });
    expect(list && 'columns' in list ? list.columns : []).toEqual(
      expect.arrayContaining(['status', 'priority', 'sla.firstResponse.status', 'sla.resolution.status']),
    );
    const board = mine.find((v) => v.id === 'tickets.board');
    expect(board).toMatchObject({ kind: 'kanban', laneField: 'status' });
    expect(
      board && 'lanes' in board && 'values' in board.lanes ? board.lanes.values.map((l) => l.value) : [],
    ).toEqual(['new', 'open', 'pending', 'onHold', 'resolved', 'closed', 'reopened']);
    const customerPanels = mine.filter((v) => v.kind === 'panel' && v.entity === 'customer');
    expect(ids(customerPanels)).toEqual(['tickets.customerAssets', 'tickets.customerTickets']);
    const dashboard = mine.find((v) => v.id === 'tickets.dashboard');
    expect(dashboard && 'items' in dashboard ? dashboard.items : []).toEqual(
      expect.arrayContaining([
        'tickets.slaMetTile',
        'tickets.csatTile',
        'tickets.complaintRateTile',
        'tickets.reopenRateTile',
      ]),
    );
    expect(menu.filter((m) => m.id.startsWith('tickets.')).length).toBe(9);
  });

  it('shows a caller only the views over what it may read', async () => {
    t = await bootTickets();
    const none = t.kernel.views.visibleTo(t.actor([]));
    expect(none.views.filter((v) => v.id.startsWith('tickets.') && v.kind !== 'dashboard')).toEqual([]);
    expect(none.menu.filter((m) => m.id.startsWith('tickets.') && m.id !== 'tickets.dashboardMenu')).toEqual(
      [],
    );
    const agent = t.kernel.views.visibleTo(t.actor(['agent'], { teams: ['desk'] }));
    expect(ids(agent.views)).toEqual(
      expect.arrayContaining(['tickets.board', 'tickets.openTickets', 'tickets.backlogTile']),
    );
  });
});
