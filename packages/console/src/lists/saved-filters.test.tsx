import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type ReactNode, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { fieldsOf } from '../schema/fields.js';
import { MODEL } from '../test-support/fake-model.js';
import { renderWithSession, testSession } from '../test-support/render.js';
import { FilterBar } from './filter-bar.js';
import type { FilterState } from './filters.js';
import { savedFilters } from './saved-filters.js';

const fields = fieldsOf({
  type: 'object',
  properties: {
    name: { type: 'string' },
    abcClass: { type: 'string', enum: ['A', 'B', 'C'] },
  },
});

function List({ user }: { user: string }) {
  const [state, setState] = useState<FilterState>({});
  return (
    <>
      <FilterBar
        fields={fields}
        offered={['abcClass']}
        state={state}
        onChange={setState}
        saving={{ entity: 'customer', user }}
      />
      <output data-testid="state">{JSON.stringify(state)}</output>
    </>
  );
}

const show = (ui: ReactNode) => renderWithSession(ui, testSession(MODEL));

describe('saved filters', () => {
  afterEach(() => localStorage.clear());

  it('saves the current filters under a name, applies them again, and forgets them; per user', async () => {
    const user = userEvent.setup();
    const first = show(<List user="ana" />);
    await user.selectOptions(screen.getByLabelText('Abc class'), 'A');
    await user.type(screen.getByLabelText('Save these filters as'), 'My A customers');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(savedFilters('customer', 'ana')).toEqual([
      { name: 'My A customers', state: { abcClass: { text: 'A' } } },
    ]);
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByTestId('state').textContent).toBe('{}');
    await user.selectOptions(screen.getByLabelText('Saved filters'), 'My A customers');
    expect(screen.getByTestId('state').textContent).toBe('{"abcClass":{"text":"A"}}');
    first.unmount();

    // another person in the same browser has their own
    const other = show(<List user="ben" />);
    expect(screen.queryByLabelText('Saved filters')).toBeNull();
    other.unmount();

    show(<List user="ana" />);
    await user.selectOptions(screen.getByLabelText('Saved filters'), 'My A customers');
    await user.click(screen.getByRole('button', { name: 'Forget “My A customers”' }));
    expect(savedFilters('customer', 'ana')).toEqual([]);
    expect(screen.queryByLabelText('Saved filters')).toBeNull();
  });
});
