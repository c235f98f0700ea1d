import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http.js';
import { entityNamed } from '../api/model.js';
import { type EntityRecord, listUrl, type RecordPage, recordUrl } from '../api/records.js';
import { recordLabel, searchWhere } from '../api/search.js';
import { useSession } from '../layout/session-context.js';

/** Props of {@link RefPicker}. */
export interface RefPickerProps {
  id: string;
  /** The entity the reference points at (`customer`). */
  entity: string;
  /** The record id, or '' for none. */
  value: string;
  onChange(id: string): void;
  onBlur(): void;
  'aria-invalid'?: boolean | undefined;
  'aria-describedby'?: string | undefined;
  'aria-required'?: boolean | undefined;
}

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * A reference field picked by search: an ARIA combobox that looks the typed text up in the
 * target entity's search fields and keeps the chosen record's id.
 */
export function RefPicker(props: RefPickerProps) {
  const { t } = useTranslation();
  const { model } = useSession();
  const target = entityNamed(model, props.entity);
  const listId = useId();
  const [text, setText] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const typed = useDebounced(text ?? '', 250);

  const chosen = useQuery({
    queryKey: ['ref-label', props.entity, props.value],
    enabled: !!target && props.value !== '',
    queryFn: async () => (await api<EntityRecord>(recordUrl(target!, props.value))).data,
    staleTime: 60_000,
  });
  const where = target ? searchWhere(target, typed) : undefined;
  const results = useQuery({
    queryKey: ['ref-search', props.entity, typed],
    enabled: !!target && open && typed.trim().length >= 1 && !!where,
    queryFn: async ({ signal }) =>
      (await api<RecordPage>(listUrl(target!, { where, limit: 10 }), { signal })).data.items,
  });
  const items = results.data ?? [];
  const shown = text ?? (chosen.data ? recordLabel(target, chosen.data) : props.value);

  const choose = (record: EntityRecord | undefined) => {
    if (record) props.onChange(record.id);
    setText(undefined);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => Math.min(index + 1, Math.max(items.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter' && open && items[active]) {
      event.preventDefault();
      choose(items[active]);
    } else if (event.key === 'Escape') {
      setText(undefined);
      setOpen(false);
    }
  };

  return (
    <div className="combobox">
      <input
        id={props.id}
        type="text"
        role="combobox"
        autoComplete="off"
        placeholder={t('form.pick')}
        aria-autocomplete="list"
        aria-expanded={open && items.length > 0}
        aria-controls={listId}
        aria-activedescendant={open && items[active] ? `${listId}-${active}` : undefined}
        aria-invalid={props['aria-invalid']}
        aria-describedby={props['aria-describedby']}
        aria-required={props['aria-required']}
        value={shown}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(0);
          if (event.target.value === '') props.onChange('');
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setTimeout(() => setOpen(false), 150);
          props.onBlur();
        }}
      />
      <div id={listId} role="listbox" className="combobox__list" hidden={!open || items.length === 0}>
        {items.map((record, index) => (
          <div
            key={record.id}
            tabIndex={-1}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'combobox__option combobox__option--active' : 'combobox__option'}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(record);
            }}
          >
            {recordLabel(target, record)}
          </div>
        ))}
      </div>
      {open && typed.length > 0 && results.isSuccess && items.length === 0 ? (
        <p className="muted" aria-live="polite">
          {t('form.noMatches')}
        </p>
      ) : null}
    </div>
  );
}
