import type { PanelContent } from '@rapport/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http.js';
import type { EntityRecord } from '../api/records.js';
import { formatDateTime, formatValue, humanize } from '../format/format.js';
import { useSession } from '../layout/session-context.js';
import { CustomElementHost } from './custom-element.js';
import { fillRoute } from './kanban-view.js';

/** An answer's fields as a definition list, nested objects within (money and arrays formatted). */
export function KeyValue({ value }: { value: Record<string, unknown> }) {
  const { t } = useTranslation();
  const { place } = useSession();
  return (
    <dl className="field-list">
      {Object.entries(value).map(([key, item]) => (
        <div key={key} className="field-list__item">
          <dt>{humanize(key)}</dt>
          <dd>
            {item !== null && typeof item === 'object' && !Array.isArray(item) && !('amount' in item) ? (
              <KeyValue value={item as Record<string, unknown>} />
            ) : (
              formatValue(undefined, item, place, { yes: t('values.yes'), no: t('values.no') })
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Table({ items }: { items: Array<Record<string, unknown>> }) {
  const { t } = useTranslation();
  const { place } = useSession();
  const columns = [...new Set(items.flatMap((item) => Object.keys(item)))]
    .filter((key) => key !== 'id')
    .slice(0, 8);
  return (
    <table className="data-table">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {humanize(column)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((item, index) => (
          <tr key={String(item.id ?? index)}>
            {columns.map((column) => (
              <td key={column}>
                {formatValue(undefined, item[column], place, { yes: t('values.yes'), no: t('values.no') })}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A list of dated entries, newest first as the route answers them. */
export function Timeline({ items }: { items: Array<Record<string, unknown>> }) {
  const { place } = useSession();
  return (
    <ol className="timeline">
      {items.map((item, index) => {
        const at = String(item.at ?? item.occurredAt ?? item.createdAt ?? '');
        const title = String(item.title ?? item.subject ?? item.summary ?? item.kind ?? item.type ?? '');
        return (
          <li key={String(item.id ?? index)}>
            {at ? <time dateTime={at}>{formatDateTime(at, place)}</time> : null} <strong>{title}</strong>
            {item.channel ? <span className="muted"> · {String(item.channel)}</span> : null}
            {item.summary && item.summary !== title ? <p>{String(item.summary)}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}

/** One of the parts of a profile answer (`{ parts: { profiling: { status, contributions } } }`). */
interface ProfilePart {
  status?: string;
  /** Why an absent part is absent. */
  reason?: string;
  contributions?: Array<{ source?: string; summary?: string }>;
}

/**
 * A profile in parts (a customer's 7P: profiling, persistency, profitability, ...): each part's
 * heading, its status when it is not available, and what each plugin contributed, in a sentence.
 */
function Profile({ answer }: { answer: { parts: Record<string, ProfilePart> } }) {
  const { t } = useTranslation();
  return (
    <div className="profile">
      {Object.entries(answer.parts).map(([name, part]) => (
        <section key={name} aria-label={humanize(name)} className="profile__part">
          <h3>
            {humanize(name)}
            {part.status === 'absent' ? <span className="muted"> · {t('profile.absent')}</span> : null}
          </h3>
          {part.reason ? <p className="muted">{part.reason}</p> : null}
          <ul>
            {(part.contributions ?? []).map((contribution, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: contributions have no id of their own
              <li key={index}>
                {contribution.summary}
                {contribution.source ? <span className="muted"> · {contribution.source}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** A timeline route read page by page (`cursor`, `nextCursor`), with a button for the next page. */
function PagedTimeline({ route }: { route: string }) {
  const { t } = useTranslation();
  const pages = useInfiniteQuery({
    queryKey: ['timeline', route],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) => {
      const url = pageParam
        ? `${route}${route.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(pageParam)}`
        : route;
      return (await api<{ items?: unknown; nextCursor?: string }>(url, { signal })).data;
    },
    getNextPageParam: (last) => last.nextCursor,
  });
  if (pages.isError)
    return <p role="alert">{t('errors.generic', { message: (pages.error as Error).message })}</p>;
  if (!pages.data) return <p aria-busy="true">{t('app.loading')}</p>;
  const items = pages.data.pages.flatMap((page) => itemsOf(page));
  return (
    <>
      {items.length === 0 ? <p className="muted">{t('timeline.empty')}</p> : <Timeline items={items} />}
      {pages.hasNextPage ? (
        <button
          type="button"
          className="button"
          disabled={pages.isFetchingNextPage}
          onClick={() => void pages.fetchNextPage()}
        >
          {pages.isFetchingNextPage ? t('list.loadingMore') : t('timeline.more')}
        </button>
      ) : null}
    </>
  );
}

/** The items of a route's answer: an array, or the `items` of an object. */
function itemsOf(answer: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(answer)) return answer as Array<Record<string, unknown>>;
  const items = (answer as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as Array<Record<string, unknown>>) : [];
}

/** A detail-page panel's content for a route or custom element (related lists are drawn by the record page). */
export function PanelContentView({
  content,
  record,
  viewId,
  entity,
}: {
  content: PanelContent;
  record: EntityRecord;
  viewId?: string;
  entity?: string;
}) {
  const { t } = useTranslation();
  const route = 'route' in content ? fillRoute(content.route, { id: record.id }) : undefined;
  const paged = 'route' in content && content.render === 'timeline';
  const answer = useQuery({
    queryKey: ['panel', route],
    enabled: !!route && !paged,
    queryFn: async ({ signal }) => (await api<unknown>(route as string, { signal })).data,
  });
  if ('element' in content)
    return (
      <CustomElementHost
        viewId={viewId ?? ''}
        element={content.element}
        {...(entity ? { record: { entity, id: record.id } } : {})}
      />
    );
  if (!('route' in content)) return null;
  if (paged) return <PagedTimeline route={route as string} />;
  if (answer.isError)
    return <p role="alert">{t('errors.generic', { message: (answer.error as Error).message })}</p>;
  if (!answer.data) return <p aria-busy="true">{t('app.loading')}</p>;
  switch (content.render) {
    case 'profile': {
      const parts = (answer.data as { parts?: unknown }).parts;
      return parts && typeof parts === 'object' ? (
        <Profile answer={answer.data as { parts: Record<string, ProfilePart> }} />
      ) : (
        <KeyValue value={(answer.data ?? {}) as Record<string, unknown>} />
      );
    }
    case 'table':
      return <Table items={itemsOf(answer.data)} />;
    default:
      return <KeyValue value={(answer.data ?? {}) as Record<string, unknown>} />;
  }
}
