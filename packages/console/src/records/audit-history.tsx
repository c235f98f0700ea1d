import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http.js';
import { ApiError } from '../api/problem.js';
import { formatDateTime, humanize } from '../format/format.js';
import { useSession } from '../layout/session-context.js';

interface AuditEntry {
  id: string;
  at: string;
  actorId: string;
  actorKind: string;
  action: string;
  changes?: Record<string, { from: unknown; to: unknown }>;
}

const SYSTEM = new Set(['id', 'createdAt', 'updatedAt', 'version']);

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Who changed what on a record, newest first, from the audit log (for callers who may read it). */
export function AuditHistory({ entity, id }: { entity: string; id: string }) {
  const { t } = useTranslation();
  const { can, place } = useSession();
  const allowed = can('audit', 'read');
  const history = useQuery({
    queryKey: ['audit', entity, id],
    enabled: allowed,
    retry: false,
    queryFn: async ({ signal }) => {
      const where = JSON.stringify({ entity, recordId: id });
      const url = `/api/audit?${new URLSearchParams({ where, sort: '-at', limit: '50' })}`;
      return (await api<{ items: AuditEntry[] }>(url, { signal })).data.items;
    },
  });
  const refused = !allowed || (history.error instanceof ApiError && history.error.status === 403);
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('record.history')}</h2>
      {refused ? <p className="muted">{t('record.historyHidden')}</p> : null}
      {history.data?.length === 0 ? <p className="muted">{t('record.noHistory')}</p> : null}
      <ol className="history">
        {(history.data ?? []).map((entry) => (
          <li key={entry.id}>
            <p>
              <time dateTime={entry.at}>{formatDateTime(entry.at, place)}</time> ·{' '}
              {t('record.changedBy', {
                actor: entry.actorKind === 'system' ? 'system' : entry.actorId,
                action: entry.action,
              })}
            </p>
            <ul className="changes">
              {Object.entries(entry.changes ?? {})
                .filter(([field]) => !SYSTEM.has(field))
                .map(([field, change]) => (
                  <li key={field}>
                    <strong>{humanize(field)}</strong>: {shown(change.from)} → {shown(change.to)}
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
