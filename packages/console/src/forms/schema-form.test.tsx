import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/problem.js';
import type { EntityRecord } from '../api/records.js';
import { fieldsOf } from '../schema/fields.js';
import { installFakeApi } from '../test-support/fake-api.js';
import { CUSTOMER, MODEL } from '../test-support/fake-model.js';
import { renderWithSession, testSession } from '../test-support/render.js';
import { SchemaForm } from './schema-form.js';

const fields = fieldsOf(CUSTOMER.schema, {
  readOnly: CUSTOMER.readOnly,
  entities: new Set(['customer', 'contact']),
  withoutSystem: true,
});

function renderForm(
  props: Partial<Parameters<typeof SchemaForm>[0]> = {},
  language: 'en' | 'zh-Hans' = 'en',
) {
  const onSave = vi.fn(async (_body: Record<string, unknown>) => undefined);
  renderWithSession(
    <SchemaForm
      fields={fields}
      submitLabel={language === 'en' ? 'Create' : '创建'}
      onSave={onSave}
      {...props}
    />,
    testSession(MODEL, ['*:*'], language),
  );
  return { onSave: (props.onSave as typeof onSave | undefined) ?? onSave };
}

const control = (label: RegExp) => screen.getByLabelText(label);

/** The system fields and names of the stored customer the edit tests start from. */
const STORED: EntityRecord = {
  id: 'c1',
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  name: 'Acme',
  kind: 'organisation',
};

describe('SchemaForm', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('gives every schema construct a labelled control of its kind, and no control to computed fields', () => {
    renderForm();
    expect(control(/^Name/)).toHaveProperty('type', 'text');
    expect(control(/^Name/).getAttribute('aria-required')).toBe('true');
    expect(control(/^Kind/).tagName).toBe('SELECT');
    expect(control(/^Email/)).toHaveProperty('type', 'email');
    expect(control(/^Phone/)).toHaveProperty('type', 'tel');
    expect(control(/^Website/)).toHaveProperty('type', 'url');
    expect(control(/^Internal/)).toHaveProperty('type', 'checkbox');
    expect(control(/^Employees/).getAttribute('inputmode')).toBe('numeric');
    expect(control(/^Score/).getAttribute('inputmode')).toBe('decimal');
    const credit = screen.getByRole('group', { name: 'Credit' });
    expect(within(credit).getByLabelText('Amount')).toBeTruthy();
    expect(within(credit).getByLabelText('Currency')).toBeTruthy();
    expect(control(/^Birthday/)).toHaveProperty('type', 'date');
    expect(control(/^Acquired at/)).toHaveProperty('type', 'datetime-local');
    expect(control(/^Contact id/).getAttribute('role')).toBe('combobox');
    const objective = screen.getByRole('group', { name: 'Objective' });
    expect(within(objective).getByLabelText('City')).toBeTruthy();
    expect(within(objective).getByLabelText('Country')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Tags' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Addresses' })).toBeTruthy();
    expect(control(/^Notes/).tagName).toBe('TEXTAREA');
    expect(control(/^Extra/).tagName).toBe('TEXTAREA');
    expect(screen.queryByLabelText(/Lifecycle stage/)).toBeNull();
    expect(screen.queryByLabelText(/^Id$/)).toBeNull();
  });

  it('sends the record as the schema types it: money in minor units, instants in UTC, nested objects and arrays', async () => {
    const user = userEvent.setup();
    const { onSave } = renderForm();
    await user.type(control(/^Name/), 'Li Wei');
    await user.selectOptions(control(/^Kind/), 'person');
    await user.type(control(/^Email/), 'li@example.cn');
    await user.click(control(/^Internal/));
    await user.type(control(/^Employees/), '12');
    await user.type(control(/^Score/), '7.5');
    const credit = screen.getByRole('group', { name: 'Credit' });
    await user.type(within(credit).getByLabelText('Amount'), '1234.50');
    await user.type(within(credit).getByLabelText('Currency'), 'eur');
    await user.type(control(/^Birthday/), '1990-05-01');
    const objective = screen.getByRole('group', { name: 'Objective' });
    await user.type(within(objective).getByLabelText('City'), 'Shanghai');
    await user.type(within(objective).getByLabelText('Country'), 'CN');
    await user.click(screen.getByRole('button', { name: /Add · Tags/ }));
    await user.type(within(screen.getByRole('group', { name: 'Tags' })).getByLabelText('Item 1'), 'vip');
    await user.click(screen.getByRole('button', { name: /Add · Addresses/ }));
    const address = screen.getByRole('group', { name: 'Item 1' });
    await user.type(within(address).getByLabelText('Street'), '1 Bund Road');
    await user.type(within(address).getByLabelText('Zip'), '200000');
    await user.click(control(/^Extra/));
    await user.paste('{"source":"fair"}');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]?.[0]).toEqual({
      name: 'Li Wei',
      kind: 'person',
      email: 'li@example.cn',
      internal: true,
      employees: 12,
      score: 7.5,
      credit: { amount: 123450, currency: 'EUR' },
      birthday: '1990-05-01',
      objective: { city: 'Shanghai', country: 'CN' },
      tags: ['vip'],
      addresses: [{ street: '1 Bund Road', zip: '200000' }],
      extra: { source: 'fair' },
    });
  });

  it("shows the server's field errors beside their fields, nested and array items included, and focuses the first", async () => {
    const user = userEvent.setup();
    const onSave = vi.fn(async () => {
      throw new ApiError({
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: 'invalid customer',
        errors: [
          { path: 'email', message: 'is not a valid e-mail address', rule: 'customers.email' },
          { path: 'objective.city', message: 'is not a city we know', rule: 'x.city' },
          { path: 'tags.0', message: 'is a reserved tag', rule: 'x.tag' },
          { path: 'credit.currency', message: 'is not an ISO 4217 code', rule: 'x.currency' },
          { path: 'somewhereElse', message: 'is wrong for another reason', rule: 'x.other' },
        ],
      });
    });
    renderForm({ onSave });
    await user.type(control(/^Name/), 'Li Wei');
    await user.selectOptions(control(/^Kind/), 'person');
    await user.type(control(/^Email/), 'nope');
    await user.click(screen.getByRole('button', { name: /Add · Tags/ }));
    await user.type(within(screen.getByRole('group', { name: 'Tags' })).getByLabelText('Item 1'), 'admin');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(control(/^Email/).getAttribute('aria-invalid')).toBe('true'));
    const errorOf = (element: HTMLElement) =>
      (element.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' ');
    expect(errorOf(control(/^Email/))).toBe('is not a valid e-mail address (rule: customers.email)');
    const city = within(screen.getByRole('group', { name: 'Objective' })).getByLabelText('City');
    expect(city.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(city)).toContain('is not a city we know');
    const tag = within(screen.getByRole('group', { name: 'Tags' })).getByLabelText('Item 1');
    expect(errorOf(tag)).toContain('is a reserved tag');
    const currency = within(screen.getByRole('group', { name: 'Credit' })).getByLabelText('Currency');
    expect(errorOf(currency)).toContain('is not an ISO 4217 code');
    expect(screen.getByText(/is wrong for another reason/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Objective › City' }).getAttribute('href')).toBe(`#${city.id}`);
    expect(screen.getByRole('link', { name: 'Tags › 1' }).getAttribute('href')).toBe(`#${tag.id}`);
    expect(document.activeElement).toBe(control(/^Email/));
    expect(control(/^Name/).getAttribute('aria-invalid')).toBeNull();
  });

  it('checks the schema bounds in the browser before sending', async () => {
    const user = userEvent.setup();
    const { onSave } = renderForm();
    await user.type(control(/^Name/), 'A name far longer than twenty');
    await user.type(control(/^Employees/), 'many');
    await user.type(within(screen.getByRole('group', { name: 'Objective' })).getByLabelText('Country'), 'cn');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('At most 20 characters.')).toBeTruthy();
    expect(screen.getAllByText('Required').length).toBeGreaterThan(0);
    expect(screen.getByText('A number, please.')).toBeTruthy();
    expect(screen.getByText('Not in the expected format.')).toBeTruthy();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('sends an edit as a JSON merge patch of what changed, null for what was cleared', async () => {
    const user = userEvent.setup();
    const record: EntityRecord = {
      ...STORED,
      email: 'info@acme.test',
      credit: { amount: 500000, currency: 'EUR' },
      objective: { city: 'Berlin', country: 'DE' },
      tags: ['a'],
      lifecycleStage: 'active',
    };
    const { onSave } = renderForm({ record, submitLabel: 'Save' });
    expect(within(screen.getByRole('group', { name: 'Credit' })).getByLabelText('Amount')).toHaveProperty(
      'value',
      '5000.00',
    );
    const city = within(screen.getByRole('group', { name: 'Objective' })).getByLabelText('City');
    await user.clear(city);
    await user.type(city, 'Munich');
    await user.clear(control(/^Email/));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]?.[0]).toEqual({ email: null, objective: { city: 'Munich' } });
  });

  it("shows fields the caller's roles lock disabled, with their values, and never sends them", async () => {
    const user = userEvent.setup();
    const locked = fieldsOf(CUSTOMER.schema, {
      readOnly: CUSTOMER.readOnly,
      locked: ['score', 'objective.country'],
      entities: new Set(['customer', 'contact']),
      withoutSystem: true,
    });
    const record: EntityRecord = {
      ...STORED,
      score: 7,
      objective: { city: 'Berlin', country: 'DE' },
    };
    const { onSave } = renderForm({ fields: locked, record, submitLabel: 'Save' });
    const score = control(/^Score/) as HTMLInputElement;
    expect(score.value).toBe('7');
    // Disabled by a disabled fieldset (browsers disable every control inside one).
    const lockedBy = (element: Element) =>
      element.closest('fieldset.field-locked') as HTMLFieldSetElement | null;
    expect(lockedBy(score)?.disabled).toBe(true);
    const objective = screen.getByRole('group', { name: 'Objective' });
    const country = within(objective).getByLabelText('Country') as HTMLInputElement;
    expect(lockedBy(country)?.disabled).toBe(true);
    expect(lockedBy(within(objective).getByLabelText('City'))).toBeNull();
    expect(screen.getAllByText('Your role may not change this field.')).toHaveLength(2);
    // Computed fields are still not offered at all.
    expect(screen.queryByLabelText(/^Lifecycle stage/)).toBeNull();
    await user.clear(control(/^Name/));
    await user.type(control(/^Name/), 'Acme AG');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]?.[0]).toEqual({ name: 'Acme AG' });
  });

  it('picks a reference by searching the target entity, by keyboard', async () => {
    const user = userEvent.setup();
    const seen = installFakeApi({
      model: MODEL,
      records: {
        contacts: [
          { id: 'p1', version: 1, createdAt: '', updatedAt: '', name: 'Acme Holding', customerId: 'c0' },
          { id: 'p2', version: 1, createdAt: '', updatedAt: '', name: 'Globex', customerId: 'c0' },
        ],
      },
    });
    const { onSave } = renderForm();
    await user.type(control(/^Name/), 'Acme Berlin');
    await user.selectOptions(control(/^Kind/), 'organisation');
    const picker = control(/^Contact id/);
    await user.type(picker, 'acme');
    const option = await screen.findByRole('option', { name: 'Acme Holding' });
    expect(option).toBeTruthy();
    expect(
      seen.some(
        (request) =>
          request.url.pathname === '/api/contacts' &&
          request.url.searchParams.get('where')?.includes('"Acme"'),
      ),
    ).toBe(true);
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(picker).toHaveProperty('value', 'Acme Holding'));
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]?.[0]).toMatchObject({ contactId: 'p1' });
  });

  it('speaks Simplified Chinese', () => {
    renderForm({}, 'zh-Hans');
    expect(screen.getByRole('button', { name: '创建' })).toBeTruthy();
    expect(screen.getAllByText('必填').length).toBeGreaterThan(0);
  });
});
