import type { ActionView } from '@rapport/core';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntityRecord } from '../api/records.js';
import { installFakeApi, json } from '../test-support/fake-api.js';
import { MODEL } from '../test-support/fake-model.js';
import { renderConsole } from '../test-support/render.js';

const ME = {
  user: { id: 'u1', name: 'Ada', email: 'ada@example.com', roles: ['admin'] },
  permissions: ['*:*'],
};

function acme(): EntityRecord {
  return {
    id: 'c1',
    version: 2,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    name: 'Acme',
    kind: 'organisation',
    email: 'info@acme.test',
  };
}

describe('record pages', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('explains a version conflict, and overwrites with the newer version when asked', async () => {
    const user = userEvent.setup();
    const record = acme();
    const seen = installFakeApi({ model: MODEL, me: ME, records: { customers: [record], contacts: [] } });
    const { router } = renderConsole('/records/customers/c1/edit');
    const name = await screen.findByLabelText(/^Name/);
    expect(name).toHaveProperty('value', 'Acme');
    // Someone else saves first.
    Object.assign(record, { name: 'Acme Inc.', version: 3 });
    await user.clear(name);
    await user.type(name, 'Acme GmbH');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByText(/Changed by someone else/);
    expect(alert).toBeTruthy();
    const first = seen.find((request) => request.method === 'PATCH');
    expect(first?.headers.get('if-match')).toBe('"v2"');
    await user.click(screen.getByRole('button', { name: 'Overwrite' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/records/customers/c1'));
    const last = seen.filter((request) => request.method === 'PATCH').pop();
    expect(last?.headers.get('if-match')).toBe('"v3"');
    expect(last?.body).toEqual({ name: 'Acme GmbH' });
    expect(record.name).toBe('Acme GmbH');
  });

  it('reloads the newer version on a conflict, when asked', async () => {
    const user = userEvent.setup();
    const record = acme();
    installFakeApi({ model: MODEL, me: ME, records: { customers: [record], contacts: [] } });
    renderConsole('/records/customers/c1/edit');
    const name = await screen.findByLabelText(/^Name/);
    Object.assign(record, { name: 'Acme Inc.', version: 3 });
    await user.type(name, ' Ltd');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(await screen.findByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(screen.getByLabelText(/^Name/)).toHaveProperty('value', 'Acme Inc.'));
  });

  it('shows a record with its fields, and offers editing only with the permission', async () => {
    installFakeApi({
      model: MODEL,
      me: { ...ME, permissions: ['customer:read'] },
      records: { customers: [acme()], contacts: [] },
    });
    renderConsole('/records/customers/c1');
    await screen.findByRole('heading', { level: 1, name: 'Acme' });
    const details = screen.getByRole('region', { name: 'Details' });
    expect(within(details).getByText('info@acme.test')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(screen.getByText('You may not read the audit log.')).toBeTruthy();
  });

  it('says so when a record does not exist or is hidden', async () => {
    installFakeApi({ model: MODEL, me: ME, records: { customers: [], contacts: [] } });
    renderConsole('/records/customers/nope');
    expect(await screen.findByText('This record does not exist, or you may not see it.')).toBeTruthy();
  });

  it('asks an action’s input in a form, shows the refusal at its field, and sends a fresh key per attempt', async () => {
    const user = userEvent.setup();
    const redeem: ActionView = {
      id: 'crm.redeem',
      kind: 'action',
      title: 'Redeem points',
      entity: 'customer',
      route: '/api/crm/customers/{id}/redeem',
      body: { source: 'console' },
      input: {
        type: 'object',
        properties: { points: { type: 'integer', minimum: 1 }, note: { type: 'string', maxLength: 200 } },
        required: ['points'],
      },
      freshKey: 'idempotencyKey',
    };
    let balance = 50;
    const seen = installFakeApi({
      model: { ...MODEL, views: [...MODEL.views, redeem] },
      me: ME,
      records: { customers: [acme()], contacts: [] },
      route: (method, url, body) => {
        if (method !== 'POST' || url.pathname !== '/api/crm/customers/c1/redeem') return undefined;
        const points = (body as { points: number }).points;
        if (points > balance)
          return json(
            {
              status: 409,
              code: 'CONFLICT',
              detail: `the balance is ${balance} points`,
              errors: [
                { path: 'points', rule: 'balance', message: `is more than the balance of ${balance}` },
              ],
            },
            409,
          );
        balance -= points;
        return json({ balance }, 201);
      },
    });
    renderConsole('/records/customers/c1');
    await user.click(await screen.findByRole('button', { name: 'Redeem points' }));
    const dialog = await screen.findByRole('dialog', { name: 'Redeem points' });
    await user.type(within(dialog).getByLabelText(/^Points/), '80');
    await user.click(within(dialog).getByRole('button', { name: 'Redeem points' }));
    expect(await within(dialog).findByText(/is more than the balance of 50/)).toBeTruthy();
    await user.clear(within(dialog).getByLabelText(/^Points/));
    await user.type(within(dialog).getByLabelText(/^Points/), '20');
    await user.click(within(dialog).getByRole('button', { name: 'Redeem points' }));
    await waitFor(() => expect(balance).toBe(30));
    const posts = seen.filter((request) => request.method === 'POST');
    expect(posts.map((request) => (request.body as { points: number }).points)).toEqual([80, 20]);
    const [first, second] = posts.map((request) => request.body as Record<string, unknown>);
    expect(first).toMatchObject({ source: 'console', idempotencyKey: expect.any(String) });
    expect(second?.idempotencyKey).not.toBe(first?.idempotencyKey);
  });

  it('shows the field an action reveals once, after its confirmation, and forgets it on close', async () => {
    const user = userEvent.setup();
    const renew: ActionView = {
      id: 'test.newSecret',
      kind: 'action',
      title: 'New signing secret',
      entity: 'customer',
      route: '/api/crm/customers/{id}/secret',
      confirm: 'The current secret stops working at once.',
      reveal: { path: 'secret', title: 'Signing secret (shown once)' },
    };
    let calls = 0;
    installFakeApi({
      model: { ...MODEL, views: [...MODEL.views, renew] },
      me: ME,
      records: { customers: [acme()], contacts: [] },
      route: (method, url) => {
        if (method !== 'POST' || url.pathname !== '/api/crm/customers/c1/secret') return undefined;
        calls += 1;
        return json({ subscription: { id: 'c1' }, secret: `whsec_test${calls}` });
      },
    });
    renderConsole('/records/customers/c1');
    await user.click(await screen.findByRole('button', { name: 'New signing secret' }));
    const confirm = await screen.findByRole('dialog', { name: 'The current secret stops working at once.' });
    await user.click(within(confirm).getByRole('button', { name: 'Confirm' }));
    const shown = await screen.findByRole('dialog', { name: 'Signing secret (shown once)' });
    expect((within(shown).getByRole('textbox') as HTMLInputElement).value).toBe('whsec_test1');
    expect(within(shown).getByText('Copy it now: it will not be shown again.')).toBeTruthy();
    await user.click(within(shown).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByDisplayValue('whsec_test1')).toBeNull());
    expect(calls).toBe(1);
  });

  it('shows an action’s preview before calling it, and Back keeps what was typed', async () => {
    const user = userEvent.setup();
    const merge: ActionView = {
      id: 'crm.merge',
      kind: 'action',
      title: 'Merge a duplicate',
      entity: 'customer',
      route: '/api/crm/customers/{id}/merge',
      input: {
        type: 'object',
        properties: { from: { type: 'string', title: 'Duplicate', 'x-rapport-ref': 'customer' } },
        required: ['from'],
      },
      preview: { route: '/api/crm/customers/{id}/merge-preview', show: ['moved', 'filled'] },
    };
    const duplicate = { ...acme(), id: 'c2', name: 'ACME Ltd' };
    const seen = installFakeApi({
      model: { ...MODEL, views: [...MODEL.views, merge] },
      me: ME,
      records: { customers: [acme(), duplicate], contacts: [] },
      route: (method, url) => {
        if (method !== 'POST') return undefined;
        if (url.pathname.endsWith('/merge-preview'))
          return json({ survivor: { name: 'Acme' }, moved: { contact: 2, deal: 3 }, filled: ['phone'] });
        if (url.pathname.endsWith('/merge')) return json({ moved: { contact: 2, deal: 3 } });
        return undefined;
      },
    });
    renderConsole('/records/customers/c1');
    await user.click(await screen.findByRole('button', { name: 'Merge a duplicate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Merge a duplicate' });
    await user.type(within(dialog).getByRole('combobox', { name: /^Duplicate/ }), 'ACME');
    await user.click(await within(dialog).findByRole('option', { name: 'ACME Ltd' }));
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    const preview = await within(dialog).findByRole('region', { name: 'What will happen' });
    expect(within(preview).getByText('Contact')).toBeTruthy();
    expect(within(preview).getByText('3')).toBeTruthy();
    expect(within(preview).queryByText('Survivor')).toBeNull();
    expect(seen.filter((request) => request.url.pathname.endsWith('/merge'))).toEqual([]);
    await user.click(within(preview).getByRole('button', { name: 'Back' }));
    expect(within(dialog).getByRole('combobox', { name: /^Duplicate/ })).toHaveProperty('value', 'ACME Ltd');
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    await user.click(
      within(await within(dialog).findByRole('region', { name: 'What will happen' })).getByRole('button', {
        name: 'Merge a duplicate',
      }),
    );
    await waitFor(() =>
      expect(seen.filter((request) => request.url.pathname.endsWith('/merge'))).toHaveLength(1),
    );
    const call = seen.find((request) => request.url.pathname.endsWith('/merge'));
    expect(call?.body).toEqual({ from: 'c2' });
  });
});
