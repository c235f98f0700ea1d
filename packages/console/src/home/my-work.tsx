import type { ListView } from '@rapport/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { entityNamed } from '../api/model.js';
import { localText } from '../i18n/i18n.js';
import { useSession } from '../layout/session-context.js';
import { EntityList } from '../lists/entity-list.js';

/** Whether a list view is about the caller: its fixed filter names `$me` ("my deals", "my tickets"). */
export function isPersonal(view: ListView): boolean {
  return JSON.stringify(view.where ?? {}).includes('"$me"');
}

/**
 * The signed-in person's work on the home page: every declared list about them ("my open deals",
 * "my open activities", "my tickets") that their roles may read, as short lists with a link to
 * the whole list. A key without a user has none.
 */
export function MyWork() {
  const { t, i18n } = useTranslation();
  const { model, me } = useSession();
  if (!me.user) return null;
  const lists = model.views.filter(
    (view): view is ListView => view.kind === 'list' && isPersonal(view) && !!entityNamed(model, view.entity),
  );
  if (lists.length === 0) return null;
  return (
    <section aria-label={t('home.myWork')} className="my-work">
      <h2>{t('home.myWork')}</h2>
      {lists.map((view) => {
        const title = localText(view.title, i18n.language);
        return (
          <section key={view.id} className="card" aria-label={title}>
            <h3>
              <Link to="/views/$viewId" params={{ viewId: view.id }}>
                {title}
              </Link>
            </h3>
            <EntityList compact entity={entityNamed(model, view.entity)!} view={view} label={title} />
          </section>
        );
      })}
    </section>
  );
}
