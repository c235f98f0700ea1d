import { useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { entityNamed, viewById } from '../api/model.js';
import { localText } from '../i18n/i18n.js';
import { PageTitle } from '../layout/page-title.js';
import { useSession } from '../layout/session-context.js';
import { EntityList } from '../lists/entity-list.js';
import { ChartBlock } from './chart-view.js';
import { CustomElementHost } from './custom-element.js';
import { DashboardBlock, TileBlock } from './dashboard-view.js';
import { KanbanBoard } from './kanban-view.js';

/** A page of a declared view: a list, a kanban board, a chart, a tile, a dashboard or a custom element. */
export function ViewPage() {
  const { viewId } = useParams({ from: '/views/$viewId' });
  const search = useSearch({ from: '/views/$viewId' });
  const { t, i18n } = useTranslation();
  const { model } = useSession();
  const view = viewById(model, viewId);
  if (!view) return <p role="alert">{t('errors.notFound')}</p>;
  const title = localText(view.title, i18n.language);
  const body = (() => {
    switch (view.kind) {
      case 'list': {
        const entity = entityNamed(model, view.entity);
        return entity ? <EntityList key={view.id} entity={entity} view={view} label={title} /> : null;
      }
      case 'kanban':
        return <KanbanBoard view={view} params={search} />;
      case 'chart':
        return <ChartBlock view={view} />;
      case 'tile':
        return (
          <div className="tiles">
            <TileBlock view={view} />
          </div>
        );
      case 'dashboard':
        return <DashboardBlock view={view} />;
      case 'custom':
        return <CustomElementHost viewId={view.id} element={view.element} module={view.module} />;
      default:
        return <p>{t('errors.notFound')}</p>;
    }
  })();
  return (
    <>
      <PageTitle>{title}</PageTitle>
      {view.description ? <p className="muted">{localText(view.description, i18n.language)}</p> : null}
      {body}
    </>
  );
}
