import type { ListView, Where } from '@rapport/core';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import {
  type ColumnDef,
  columnVisibilityFeature,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http.js';
import type { ConsoleEntity } from '../api/model.js';
import { allOf, countUrl, type EntityRecord, listUrl, type RecordPage, withCaller } from '../api/records.js';
import { searchWhere } from '../api/search.js';
import { formatNumber, formatValue } from '../format/format.js';
import { useSession } from '../layout/session-context.js';
import { PersonName, RefName } from '../records/ref-link.js';
import { pathLabel } from '../schema/field-label.js';
import { type FieldSpec, fieldsOf, PERSON_FIELDS, scalarFields } from '../schema/fields.js';
import { valueAt } from '../schema/value-at.js';
import { chosenColumns, defaultColumns, rememberColumns } from './columns.js';
import { FilterBar } from './filter-bar.js';
import { type FilterState, filtersWhere } from './filters.js';

const features = tableFeatures({ columnVisibilityFeature, rowSortingFeature });
const PAGE_SIZE = 100;
const ROW_HEIGHT = 41;

/** Props of {@link EntityList}. */
export interface EntityListProps {
  entity: ConsoleEntity;
  /** A plugin's list view: its columns, sort, fixed filter and offered filters. */
  view?: ListView;
  /** A filter always applied (a related list: `{ customerId: id }`). */
  fixedWhere?: Where;
  /** A short list without filters or column choice (a record page's panel). */
  compact?: boolean;
  /** The list's accessible name. */
  label: string;
  /** Fields never shown as default columns (a related list's foreign key). */
  exclude?: readonly string[];
}

function sortingOf(sort: readonly string[]): SortingState {
  return sort.map((key) => ({ id: key.replace(/^-/, ''), desc: key.startsWith('-') }));
}

/**
 * An entity's records as a table: paged on the server by cursor (the next page loads as the
 * rows scroll into view), virtualised rows, sort by column header, filters from the field types,
 * a search box over the entity's search fields, and a column choice remembered per person.
 */
export function EntityList({ entity, view, fixedWhere, compact, label, exclude }: EntityListProps) {
  const { t, i18n } = useTranslation();
  const { model, place, me } = useSession();
  const navigate = useNavigate();
  const names = useMemo(() => new Set(model.entities.map((candidate) => candidate.name)), [model]);
  const fields = useMemo(
    () => scalarFields(fieldsOf(entity.schema, { readOnly: entity.readOnly, entities: names })),
    [entity, names],
  );
  const userId = me.user?.id;
  const initialColumns =
    view?.columns ??
    (compact ? undefined : chosenColumns(entity.name, userId)) ??
    defaultColumns(fields, { search: entity.search, ...(exclude ? { exclude } : {}) });
  const [columns, setColumns] = useState<string[]>(() => [...initialColumns]);
  const [sorting, setSorting] = useState<SortingState>(() => sortingOf(view?.sort ?? ['-createdAt']));
  const [filters, setFilters] = useState<FilterState>({});
  const [search, setSearch] = useState('');
  const deferredFilters = useDeferredValue(filters);
  const deferredSearch = useDeferredValue(search);

  const where = allOf(
    withCaller(view?.where, userId),
    fixedWhere,
    filtersWhere(fields, deferredFilters),
    searchWhere(entity, deferredSearch),
  );
  const sort = sorting.map((rule) => (rule.desc ? `-${rule.id}` : rule.id));
  const pages = useInfiniteQuery({
    queryKey: ['list', entity.path, where, sort],
    queryFn: async ({ pageParam, signal }) =>
      (
        await api<RecordPage>(
          listUrl(entity, { where, sort, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
          { signal },
        )
      ).data,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const count = useQuery({
    queryKey: ['count', entity.path, where],
    queryFn: async ({ signal }) =>
      (await api<{ rows: Array<{ n: number }> }>(countUrl(entity, where), { signal })).data.rows[0]?.n ?? 0,
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);

  // Shown columns in the order chosen, then the hidden ones (for the column choice).
  const ordered = useMemo(
    () => [
      ...columns
        .map((path) => fields.find((field) => field.path === path))
        .filter((field): field is FieldSpec => !!field),
      ...fields.filter((field) => !columns.includes(field.path)),
    ],
    [fields, columns],
  );
  const columnDefs = useMemo<ColumnDef<typeof features, EntityRecord>[]>(
    () =>
      ordered.map((field: FieldSpec) => ({
        id: field.path,
        accessorFn: (record: EntityRecord) => valueAt(record, field.path),
        header: pathLabel(field.path, i18n.language),
        enableSorting: field.kind !== 'array',
        cell: (info) => {
          const value = info.getValue();
          // Owners are few, and references repeat: each name is fetched once and cached.
          if (PERSON_FIELDS.has(field.path) && typeof value === 'string') return <PersonName id={value} />;
          if (field.kind === 'ref' && field.refEntity && typeof value === 'string')
            return <RefName entity={field.refEntity} id={value} />;
          const words = { yes: t('values.yes'), no: t('values.no') };
          return formatValue(field, value, place, words, info.row.original);
        },
      })),
    [ordered, place, t, i18n.language],
  );
  const columnVisibility = useMemo(
    () => Object.fromEntries(fields.map((field) => [field.path, columns.includes(field.path)])),
    [fields, columns],
  );
  const table = useTable(
    {
      features,
      columns: columnDefs,
      data: rows,
      getRowId: (record) => record.id,
      manualSorting: true,
      state: { sorting, columnVisibility },
      onSortingChange: setSorting,
    },
    (state) => state,
  );

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1024, height: compact ? 320 : 640 },
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= rows.length - 30 && pages.hasNextPage && !pages.isFetchingNextPage)
      void pages.fetchNextPage();
  }, [last, rows.length, pages]);

  const visible = table.getVisibleLeafColumns();
  const tableRows = table.getRowModel().rows;
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (last?.end ?? 0);
  const chooseColumns = (next: string[]) => {
    setColumns(next);
    rememberColumns(entity.name, userId, next);
  };
  const headerId = `list-${entity.name}-title`;

  return (
    <div className={compact ? 'entity-list entity-list--compact' : 'entity-list'}>
      {compact ? null : (
        <div className="list-tools">
          <div className="filter filter--search">
            <label htmlFor={`search-${entity.name}`}>{t('list.searchIn', { entity: label })}</label>
            <input
              id={`search-${entity.name}`}
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          </div>
          <FilterBar
            fields={fields}
            offered={view?.filters ?? []}
            state={filters}
            onChange={setFilters}
            saving={{ entity: entity.name, user: userId }}
          />
          <details className="column-chooser">
            <summary>{t('list.columns')}</summary>
            <fieldset>
              <legend className="visually-hidden">{t('list.columns')}</legend>
              {fields.map((field) => (
                <div key={field.path} className="field--check">
                  <input
                    id={`col-${entity.name}-${field.path}`}
                    type="checkbox"
                    checked={columns.includes(field.path)}
                    onChange={(event) =>
                      chooseColumns(
                        event.target.checked
                          ? [...columns, field.path]
                          : columns.filter((path) => path !== field.path),
                      )
                    }
                  />
                  <label htmlFor={`col-${entity.name}-${field.path}`}>
                    {pathLabel(field.path, i18n.language)}
                  </label>
                </div>
              ))}
            </fieldset>
          </details>
        </div>
      )}
      <p className="list-count" aria-live="polite" id={headerId}>
        {count.data === undefined
          ? t('app.loading')
          : t('list.count', { count: count.data, n: formatNumber(count.data, place) })}
      </p>
      <div ref={scroller} className="table-scroller" tabIndex={-1}>
        <table className="records" aria-label={label} aria-rowcount={(count.data ?? rows.length) + 1}>
          <thead>
            <tr aria-rowindex={1}>
              {visible.map((column) => {
                const sorted = column.getIsSorted();
                const handler = column.getToggleSortingHandler();
                return (
                  <th
                    key={column.id}
                    scope="col"
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {column.getCanSort() && handler ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={handler}
                        title={t('list.sortBy', { field: pathLabel(column.id, i18n.language) })}
                      >
                        {pathLabel(column.id, i18n.language)}
                        <span aria-hidden="true">
                          {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                        </span>
                      </button>
                    ) : (
                      pathLabel(column.id, i18n.language)
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {top > 0 ? (
              <tr className="spacer">
                <td colSpan={visible.length} style={{ height: top }} />
              </tr>
            ) : null}
            {items.map((item) => {
              const row = tableRows[item.index];
              if (!row) return null;
              const record = row.original;
              return (
                <tr
                  key={row.id}
                  aria-rowindex={item.index + 2}
                  className="record-row"
                  onClick={(event) => {
                    if ((event.target as HTMLElement).closest('a')) return;
                    void navigate({ to: '/records/$path/$id', params: { path: entity.path, id: record.id } });
                  }}
                >
                  {row.getVisibleCells().map((cell, index) => (
                    <td key={cell.id}>
                      {index === 0 ? (
                        <Link to="/records/$path/$id" params={{ path: entity.path, id: record.id }}>
                          <table.FlexRender cell={cell} />
                          {cell.getValue() === undefined || cell.getValue() === '' ? (
                            <span className="muted">{record.id.slice(0, 8)}</span>
                          ) : null}
                        </Link>
                      ) : (
                        <table.FlexRender cell={cell} />
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
            {bottom > 0 ? (
              <tr className="spacer">
                <td colSpan={visible.length} style={{ height: bottom }} />
              </tr>
            ) : null}
          </tbody>
        </table>
        {pages.isSuccess && rows.length === 0 ? <p className="muted empty">{t('list.empty')}</p> : null}
        {pages.isFetchingNextPage ? <p className="muted">{t('list.loadingMore')}</p> : null}
        {pages.isError ? (
          <p className="alert alert--error" role="alert">
            {t('errors.generic', { message: (pages.error as Error).message })}
          </p>
        ) : null}
      </div>
    </div>
  );
}
