import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { humanize } from '../format/format.js';
import { pathLabel } from '../schema/field-label.js';
import type { FieldSpec } from '../schema/fields.js';
import { type FilterState, type FilterValue, filterShape } from './filters.js';
import { forgetFilter, type SavedFilter, savedFilters, saveFilter } from './saved-filters.js';

/** Props of {@link FilterBar}. */
export interface FilterBarProps {
  /** The fields that can be filtered, offered ones first. */
  fields: readonly FieldSpec[];
  /** The paths shown as filters without being added. */
  offered: readonly string[];
  state: FilterState;
  onChange(state: FilterState): void;
  /** Where saved filters are kept: the entity and the signed-in user (none: no saving). */
  saving?: { entity: string; user: string | undefined };
}

/** Filters built from the field types: text contains, a choice of values, yes/no, number and date ranges. */
export function FilterBar({ fields, offered, state, onChange, saving }: FilterBarProps) {
  const { t, i18n } = useTranslation();
  const filterable = fields.filter((field) => filterShape(field));
  const shown = [...new Set([...offered, ...Object.keys(state)])]
    .map((path) => filterable.find((field) => field.path === path))
    .filter((field): field is FieldSpec => !!field);
  const addable = filterable.filter((field) => !shown.includes(field));
  const set = (path: string, value: FilterValue) => onChange({ ...state, [path]: value });
  const remove = (path: string) => {
    const { [path]: _, ...rest } = state;
    onChange(rest);
  };
  return (
    <section className="filters" aria-label={t('list.filters')}>
      {shown.map((field) => (
        <FilterControl
          key={field.path}
          field={field}
          value={state[field.path] ?? {}}
          onChange={(value) => set(field.path, value)}
          onRemove={offered.includes(field.path) ? undefined : () => remove(field.path)}
        />
      ))}
      {addable.length > 0 ? (
        <div className="filter">
          <label htmlFor="add-filter">{t('list.addFilter')}</label>
          <select
            id="add-filter"
            value=""
            onChange={(event) => {
              if (event.target.value) set(event.target.value, {});
            }}
          >
            <option value="">—</option>
            {addable.map((field) => (
              <option key={field.path} value={field.path}>
                {pathLabel(field.path, i18n.language)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {Object.keys(state).length > 0 ? (
        <button type="button" className="button button--quiet" onClick={() => onChange({})}>
          {t('list.clearFilters')}
        </button>
      ) : null}
      {saving ? <SavedFilters {...saving} state={state} onChange={onChange} /> : null}
    </section>
  );
}

/** The filters a person saved for this list: apply one, save the current ones under a name, forget one. */
function SavedFilters(props: {
  entity: string;
  user: string | undefined;
  state: FilterState;
  onChange(state: FilterState): void;
}) {
  const { t } = useTranslation();
  const { entity, user } = props;
  const [saved, setSaved] = useState<SavedFilter[]>(() => savedFilters(entity, user));
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const apply = (value: string) => {
    setChosen(value);
    const filter = saved.find((item) => item.name === value);
    if (filter) props.onChange(filter.state);
  };
  return (
    <>
      {saved.length > 0 ? (
        <div className="filter">
          <label htmlFor="saved-filters">{t('list.savedFilters')}</label>
          <select id="saved-filters" value={chosen} onChange={(event) => apply(event.target.value)}>
            <option value="">—</option>
            {saved.map((item) => (
              <option key={item.name} value={item.name}>
                {item.name}
              </option>
            ))}
          </select>
          {chosen ? (
            <button
              type="button"
              className="button button--quiet button--small"
              onClick={() => {
                setSaved(forgetFilter(entity, user, chosen));
                setChosen('');
              }}
            >
              {t('list.forgetFilter', { name: chosen })}
            </button>
          ) : null}
        </div>
      ) : null}
      {Object.keys(props.state).length > 0 ? (
        <form
          className="filter"
          onSubmit={(event) => {
            event.preventDefault();
            const trimmed = name.trim();
            if (!trimmed) return;
            setSaved(saveFilter(entity, user, trimmed, props.state));
            setChosen(trimmed);
            setName('');
          }}
        >
          <label htmlFor="save-filter-name">{t('list.saveFiltersAs')}</label>
          <input
            id="save-filter-name"
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" className="button button--small" disabled={!name.trim()}>
            {t('list.saveFilters')}
          </button>
        </form>
      ) : null}
    </>
  );
}

interface FilterControlProps {
  field: FieldSpec;
  value: FilterValue;
  onChange(value: FilterValue): void;
  onRemove: (() => void) | undefined;
}

function FilterControl({ field, value, onChange, onRemove }: FilterControlProps) {
  const { t, i18n } = useTranslation();
  const id = `filter-${field.path.replace(/\W/g, '-')}`;
  const label = pathLabel(field.path, i18n.language);
  const shape = filterShape(field);
  const removeButton = onRemove ? (
    <button
      type="button"
      className="button button--quiet button--small"
      onClick={onRemove}
      aria-label={t('list.removeFilter', { field: label })}
    >
      ×
    </button>
  ) : null;
  if (shape === 'range' || shape === 'dateRange') {
    const type = shape === 'dateRange' ? 'date' : 'text';
    return (
      <fieldset className="filter filter--range">
        <legend>{label}</legend>
        <label htmlFor={`${id}-min`} className="visually-hidden">
          {label} {t('list.from')}
        </label>
        <input
          id={`${id}-min`}
          type={type}
          inputMode={type === 'text' ? 'decimal' : undefined}
          placeholder={t('list.from')}
          value={value.min ?? ''}
          onChange={(event) => onChange({ ...value, min: event.target.value })}
        />
        <label htmlFor={`${id}-max`} className="visually-hidden">
          {label} {t('list.to')}
        </label>
        <input
          id={`${id}-max`}
          type={type}
          inputMode={type === 'text' ? 'decimal' : undefined}
          placeholder={t('list.to')}
          value={value.max ?? ''}
          onChange={(event) => onChange({ ...value, max: event.target.value })}
        />
        {removeButton}
      </fieldset>
    );
  }
  if (shape === 'choice' || shape === 'boolean') {
    const options = shape === 'boolean' ? ['true', 'false'] : (field.options ?? []);
    return (
      <div className="filter">
        <label htmlFor={id}>{label}</label>
        <select id={id} value={value.text ?? ''} onChange={(event) => onChange({ text: event.target.value })}>
          <option value="">{t('list.any')}</option>
          {options.map((option) => (
            <option key={option} value={option}>
              {shape === 'boolean' ? t(option === 'true' ? 'values.yes' : 'values.no') : humanize(option)}
            </option>
          ))}
        </select>
        {removeButton}
      </div>
    );
  }
  return (
    <div className="filter">
      <label htmlFor={id}>
        {label} {shape === 'contains' ? <span className="muted">({t('list.contains')})</span> : null}
      </label>
      <input
        id={id}
        type="search"
        value={value.text ?? ''}
        onChange={(event) => onChange({ text: event.target.value })}
      />
      {removeButton}
    </div>
  );
}
