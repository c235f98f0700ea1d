import { useQueries } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http.js';
import { listUrl, type RecordPage } from '../api/records.js';
import { recordLabel, searchWhere } from '../api/search.js';
import { humanize } from '../format/format.js';
import { PageTitle } from '../layout/page-title.js';
import { useSession } from '../layout/session-context.js';

/** The entities searched first, in this order; other searchable entities follow. */
const FIRST = ['customer', 'contact', 'deal', 'lead'];

/** Global search: the typed text looked up in every searchable entity's search fields at once. */
export function SearchPage() {
  const { q = '' } = useSearch({ from: '/search' });
  const { t } = useTranslation();
  const { model } = useSession();
  const text = q.trim();
  const entities = model.entities
    .filter((entity) => entity.search.length > 0)
    .sort((a, b) => (FIRST.indexOf(a.name) + 1 || 99) - (FIRST.indexOf(b.name) + 1 || 99));
  const results = useQueries({
    queries: entities.map((entity) => ({
      queryKey: ['search', entity.path, text],
      enabled: text.length >= 2,
      queryFn: async ({ signal }: { signal: AbortSignal }) =>
        (await api<RecordPage>(listUrl(entity, { where: searchWhere(entity, text), limit: 10 }), { signal }))
          .data.items,
    })),
  });
  const found = entities
    .map((entity, index) => ({ entity, items: results[index]?.data ?? [] }))
    .filter((group) => group.items.length > 0);
  const pending = results.some((result) => result.isFetching);
  return (
    <>
      <PageTitle>{t('search.title', { q: text })}</PageTitle>
      {text.length < 2 ? <p>{t('search.hint')}</p> : null}
      <div aria-live="polite" aria-busy={pending}>
        {text.length >= 2 && !pending && found.length === 0 ? <p>{t('search.none')}</p> : null}
        {found.map(({ entity, items }) => (
          <section key={entity.name} className="card" aria-label={humanize(entity.plural)}>
            <h2>{humanize(entity.plural)}</h2>
            <ul className="search-results">
              {items.map((record) => (
                <li key={record.id}>
                  <Link to="/records/$path/$id" params={{ path: entity.path, id: record.id }}>
                    {recordLabel(entity, record)}
                  </Link>
                  <span className="muted">
                    {' '}
                    {entity.search
                      .map((field) => record[field])
                      .filter((value) => typeof value === 'string' && value !== recordLabel(entity, record))
                      .join(' · ')}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
