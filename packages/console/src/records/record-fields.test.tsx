import type { FormView } from '@rapport/core';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EntityRecord } from '../api/records.js';
import { fieldsOf } from '../schema/fields.js';
import { CUSTOMER, MODEL } from '../test-support/fake-model.js';
import { renderWithSession, testSession } from '../test-support/render.js';
import { RecordFields } from './record-fields.js';

const LAYOUT: FormView = {
  id: 'customers.form',
  kind: 'form',
  entity: 'customer',
  title: 'Customer',
  sections: [
    { title: 'Who', fields: ['name', 'kind'] },
    { title: 'Reach', fields: ['email', 'phone'] },
  ],
};

const RECORD: EntityRecord = {
  id: 'c1',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  name: 'Acme',
  kind: 'organisation',
};

describe('RecordFields', () => {
  it('leaves out a layout section whose fields are all hidden from the caller', () => {
    // The schema a viewer is shown when its roles hide the e-mail and phone.
    const { email: _email, phone: _phone, ...properties } = CUSTOMER.schema.properties ?? {};
    const fields = fieldsOf({ ...CUSTOMER.schema, properties }, { readOnly: CUSTOMER.readOnly });
    renderWithSession(<RecordFields fields={fields} record={RECORD} layout={LAYOUT} />, testSession(MODEL));
    expect(screen.getByRole('region', { name: 'Who' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Reach' })).toBeNull();
  });

  it('shows the section to a caller who sees its fields', () => {
    const fields = fieldsOf(CUSTOMER.schema, { readOnly: CUSTOMER.readOnly });
    renderWithSession(<RecordFields fields={fields} record={RECORD} layout={LAYOUT} />, testSession(MODEL));
    expect(screen.getByRole('region', { name: 'Reach' })).toBeTruthy();
  });
});
