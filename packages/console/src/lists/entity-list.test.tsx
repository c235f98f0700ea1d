import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntityRecord } from '../api/records.js';
import { installFakeApi, type SeenRequest } from '../test-support/fake-api.js';
import { MODEL } from '../test-support/fake-model.js';
import { renderConsole } from '../test-support/render.js';

function customers(n: number): EntityRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `c${String(i).padStart(5, '0')}`,
    version: 1,
    createdAt: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
    updatedAt: '2026-01-01T00:00:00.000Z',
    name: `Customer ${String(i).padStart(5, '0')}`,
    kind: i % 2 ? 'person' : 'organisation',
    email: `c${i}@example.com`,
    employees: i,
  }));
}

const ME = {
  user: {
    id: 'u1',
    name: 'Ada',
    email: 'ada@example.com',
    roles: ['admin'],
    language: 'en',
    timeZone: 'UTC',
  },
  permissions: ['*:*'],
  csrfToken: 'csrf-1',
};

function lastList(seen: SeenRequest[]): URL {
  const lists = seen.filter(
    (request) => request.url.pathname === '/api/customers' && request.method === 'GET',
  );
  return (lists[lists.length - 1] as SeenRequest).url;
}

async function openList(seen: SeenRequest[]) {
  renderConsole('/records/customers');
  const table = await screen.findByRole('table', { name: 'Customers' });
  await within(table).findAllByRole('link');
  return { table, seen };
}

describe('EntityList', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the count and virtualised rows of a long list, with columns from the schema', async () => {
    const seen = installFakeApi({
      model: MODEL,
      me: ME,
      records: { customers: customers(2500), contacts: [] },
    });
    const { table } = await openList(seen);
    expect(await screen.findByText('2,500 records')).toBeTruthy();
    const rows = within(table).getAllByRole('row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(80);
    expect(table.getAttribute('aria-rowcount')).toBe('2501');
    expect(within(table).getByRole('columnheader', { name: /Name/ })).toBeTruthy();
    expect(within(table).getByRole('columnheader', { name: /Kind/ })).toBeTruthy();
    expect(lastList(seen).searchParams.get('limit')).toBe('100');
    expect(lastList(seen).searchParams.get('sort')).toBe('-createdAt');
    const link = within(table).getAllByRole('link')[0] as HTMLElement;
    expect(link.getAttribute('href')).toMatch(/^\/console\/records\/customers\/c\d{5}$/);
  });

  it('loads the next page by cursor as the rows scroll into view', async () => {
    const seen = installFakeApi({
      model: MODEL,
      me: ME,
      records: { customers: customers(300), contacts: [] },
    });
    const { table } = await openList(seen);
    const scroller = table.parentElement as HTMLElement;
    scroller.scrollTop = 90 * 41;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(lastList(seen).searchParams.get('cursor')).toBe('100'));
  });

  it('sorts on the server by a column header, and says how it is sorted', async () => {
    const user = userEvent.setup();
    const seen = installFakeApi({
      model: MODEL,
      me: ME,
      records: { customers: customers(20), contacts: [] },
    });
    const { table } = await openList(seen);
    await user.click(within(table).getByRole('button', { name: /^Name/ }));
    await waitFor(() => expect(lastList(seen).searchParams.get('sort')).toMatch(/^-?name$/));
    const first = lastList(seen).searchParams.get('sort');
    expect(within(table).getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe(
      first === 'name' ? 'ascending' : 'descending',
    );
    await user.click(within(table).getByRole('button', { name: /^Name/ }));
    await waitFor(() => expect(lastList(seen).searchParams.get('sort')).not.toBe(first));
  });

  it('filters by the field types with the query language: a choice, a number range, text', async () => {
    const user = userEvent.setup();
    const seen = installFakeApi({
      model: MODEL,
      me: ME,
      records: { customers: customers(40), contacts: [] },
    });
    await openList(seen);
    await user.selectOptions(screen.getByLabelText('Add a filter'), 'kind');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'person');
    await waitFor(() => expect(lastList(seen).searchParams.get('where')).toBe('{"kind":{"eq":"person"}}'));
    await user.selectOptions(screen.getByLabelText('Add a filter'), 'employees');
    await user.type(screen.getByLabelText('Employees from'), '10');
    await waitFor(() =>
      expect(JSON.parse(lastList(seen).searchParams.get('where') as string)).toEqual({
        and: [{ kind: { eq: 'person' } }, { employees: { gte: 10 } }],
      }),
    );
    expect(await screen.findByText('15 records')).toBeTruthy();
    await user.type(screen.getByLabelText('Search Customers'), 'Customer 0001');
    await waitFor(() =>
      expect(lastList(seen).searchParams.get('where')).toContain('"contains":"Customer 0001"'),
    );
  });

  it('lets a person choose the columns, and remembers the choice', async () => {
    const user = userEvent.setup();
    const seen = installFakeApi({ model: MODEL, me: ME, records: { customers: customers(5), contacts: [] } });
    const { table } = await openList(seen);
    expect(within(table).getByRole('columnheader', { name: /Email/ })).toBeTruthy();
    await user.click(screen.getByText('Columns', { selector: 'summary' }));
    await user.click(screen.getByRole('checkbox', { name: 'Email' }));
    await user.click(screen.getByRole('checkbox', { name: 'Employees' }));
    expect(within(table).queryByRole('columnheader', { name: /Email/ })).toBeNull();
    expect(within(table).getByRole('columnheader', { name: /Employees/ })).toBeTruthy();
    expect(JSON.parse(localStorage.getItem('rapport.console.columns.u1.customer') as string)).toContain(
      'employees',
    );
  });

  it('offers creating only to those who may create', async () => {
    installFakeApi({
      model: MODEL,
      me: { ...ME, permissions: ['customer:read'] },
      records: { customers: customers(3), contacts: [] },
    });
    renderConsole('/records/customers');
    await screen.findByRole('table', { name: 'Customers' });
    expect(screen.queryByRole('link', { name: 'New customer' })).toBeNull();
  });
});
