import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../layout/page-title.js';
import { useSession } from '../layout/session-context.js';
import { EntityList } from '../lists/entity-list.js';
import { entityLabel } from '../schema/field-label.js';
import { useEntity } from './use-entity.js';

/** The generated list page of an entity. */
export function ListPage() {
  const { path } = useParams({ from: '/records/$path' });
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const context = useEntity(path);
  if (!context) return <p role="alert">{t('errors.notFound')}</p>;
  const { entity } = context;
  const title = entityLabel(entity.plural, i18n.language);
  return (
    <>
      <div className="page-head">
        <PageTitle>{title}</PageTitle>
        {entity.can.create && can(entity.name, 'create') ? (
          <Link className="button button--primary" to="/records/$path/new" params={{ path }}>
            {t('list.create', { entity: entityLabel(entity.name, i18n.language) })}
          </Link>
        ) : null}
      </div>
      {entity.description ? <p className="muted">{entity.description}</p> : null}
      <EntityList key={path} entity={entity} label={title} />
    </>
  );
}
