import type { CustomView } from '@rapport/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http.js';
import { ApiError } from '../api/problem.js';
import { type EntityRecord, recordUrl } from '../api/records.js';
import { recordLabel } from '../api/search.js';
import { humanize } from '../format/format.js';
import { localText } from '../i18n/i18n.js';
import { PageTitle } from '../layout/page-title.js';
import { useSession } from '../layout/session-context.js';
import { CustomElementHost } from '../views/custom-element.js';
import { PanelContentView } from '../views/panel-content.js';
import { AuditHistory } from './audit-history.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { actionsFor, RecordAction } from './record-actions.js';
import { RecordFields } from './record-fields.js';
import { relatedLists } from './related-records.js';
import { RelatedSection } from './related-section.js';
import { useEntity, useRecord } from './use-entity.js';

/** A record's page: its fields, the panels plugins declare, related records and its audit history. */
export function RecordPage() {
  const { path, id } = useParams({ from: '/records/$path/$id' });
  const { t, i18n } = useTranslation();
  const { model, can } = useSession();
  const context = useEntity(path);
  const record = useRecord(context?.entity, id);
  const navigate = useNavigate();
  const queries = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [deleteError, setDeleteError] = useState<string>();
  const remove = useMutation({
    mutationFn: async () => {
      if (!context || !record.data) return;
      await api(recordUrl(context.entity, id), { method: 'DELETE', ifMatch: record.data.version });
    },
    onSuccess: async () => {
      dialog.current?.close();
      await queries.invalidateQueries({ queryKey: ['list', path] });
      await navigate({ to: '/records/$path', params: { path } });
    },
    onError: (error) => setDeleteError(error instanceof ApiError ? error.message : String(error)),
  });

  if (!context || record.error) {
    return (
      <>
        <PageTitle>{humanize(path)}</PageTitle>
        <p role="alert">{t('record.notFound')}</p>
      </>
    );
  }
  if (!record.data) return <p aria-busy="true">{t('app.loading')}</p>;
  const { entity, fields, layout } = context;
  const label = recordLabel(entity, record.data);
  const panels = model.views.filter(
    (view) => view.kind === 'panel' && view.entity === entity.name && !('related' in view.content),
  );
  const customPanels = model.views.filter(
    (view): view is CustomView =>
      view.kind === 'custom' && 'panelOf' in view.placement && view.placement.panelOf === entity.name,
  );
  const entityTitle = humanize(entity.name);

  return (
    <article className="record-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/records/$path" params={{ path }}>
          {humanize(entity.plural)}
        </Link>
      </nav>
      <div className="page-head">
        <PageTitle>{label}</PageTitle>
        <div className="actions">
          {actionsFor(model.views, entity.name, record.data, can).map((action) => (
            <RecordAction key={action.id} action={action} record={record.data as EntityRecord} path={path} />
          ))}
          {entity.can.update && can(entity.name, 'update') ? (
            <Link className="button button--primary" to="/records/$path/$id/edit" params={{ path, id }}>
              {t('record.edit')}
            </Link>
          ) : null}
          {entity.can.delete && can(entity.name, 'delete') ? (
            <button
              type="button"
              className="button button--danger"
              onClick={() => dialog.current?.showModal()}
            >
              {t('record.delete')}
            </button>
          ) : null}
        </div>
      </div>
      <ConfirmDialog
        dialog={dialog}
        id="confirm-delete"
        question={t('record.confirmDelete', { entity: entityTitle })}
        error={deleteError}
        confirmLabel={t('record.delete')}
        tone="danger"
        onConfirm={() => remove.mutate()}
      />
      <div className="record-layout">
        <div className="record-main">
          <RecordFields fields={fields} record={record.data} {...(layout ? { layout } : {})} />
          {panels.map((panel) =>
            panel.kind === 'panel' ? (
              <section key={panel.id} className="card" aria-label={localText(panel.title, i18n.language)}>
                <h2>{localText(panel.title, i18n.language)}</h2>
                <PanelContentView
                  content={panel.content}
                  record={record.data}
                  viewId={panel.id}
                  entity={entity.name}
                />
              </section>
            ) : null,
          )}
          {customPanels.map((view) => (
            <section key={view.id} className="card" aria-label={localText(view.title, i18n.language)}>
              <h2>{localText(view.title, i18n.language)}</h2>
              <CustomElementHost
                viewId={view.id}
                element={view.element}
                module={view.module}
                record={{ entity: entity.name, id }}
              />
            </section>
          ))}
          {relatedLists(model, entity).map((related) => (
            <RelatedSection key={`${related.entity.name}.${related.foreignKey}`} related={related} id={id} />
          ))}
        </div>
        <aside className="record-side">
          <AuditHistory entity={entity.name} id={id} />
        </aside>
      </div>
    </article>
  );
}
