import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http.js';
import { countUrl } from '../api/records.js';
import { humanize } from '../format/format.js';
import { localText } from '../i18n/i18n.js';
import { EntityList } from '../lists/entity-list.js';
import type { RelatedList } from './related-records.js';

/**
 * The records of another entity pointing at a record, as a short list. A list a plugin declared
 * is always shown; one found from a `<entity>Id` field only when it has records.
 */
export function RelatedSection({ related, id }: { related: RelatedList; id: string }) {
  const { t, i18n } = useTranslation();
  const where = { [related.foreignKey]: { eq: id } };
  const count = useQuery({
    queryKey: ['count', related.entity.path, where],
    queryFn: async ({ signal }) =>
      (await api<{ rows: Array<{ n: number }> }>(countUrl(related.entity, where), { signal })).data.rows[0]
        ?.n ?? 0,
  });
  if (!related.title && !count.data) return null;
  const title = related.title
    ? localText(related.title, i18n.language)
    : t('record.related', { entity: humanize(related.entity.plural) });
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <EntityList
        compact
        label={title}
        entity={related.entity}
        fixedWhere={where}
        exclude={[related.foreignKey]}
        {...(related.columns
          ? {
              view: {
                id: `${related.entity.name}.${related.foreignKey}`,
                kind: 'list' as const,
                title,
                entity: related.entity.name,
                columns: related.columns,
                ...(related.sort ? { sort: related.sort } : {}),
              },
            }
          : {})}
      />
    </section>
  );
}
