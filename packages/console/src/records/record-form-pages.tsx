import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http.js';
import type { EntityRecord } from '../api/records.js';
import { listUrl, recordUrl } from '../api/records.js';
import { humanize } from '../format/format.js';
import { SchemaForm } from '../forms/schema-form.js';
import { PageTitle } from '../layout/page-title.js';
import { useSession } from '../layout/session-context.js';
import { useEntity, useRecord } from './use-entity.js';

/** The page that creates a record of the route's entity. */
export function CreateRecordPage() {
  const { path } = useParams({ from: '/records/$path/new' });
  const { t } = useTranslation();
  const { can } = useSession();
  const context = useEntity(path);
  const navigate = useNavigate();
  const queries = useQueryClient();
  if (!context?.entity.can.create || !can(context.entity.name, 'create')) {
    return <p role="alert">{t('errors.forbidden')}</p>;
  }
  const { entity, fields, layout } = context;
  return (
    <>
      <PageTitle>{t('form.newTitle', { entity: humanize(entity.name) })}</PageTitle>
      <SchemaForm
        fields={fields}
        {...(layout ? { layout } : {})}
        submitLabel={t('form.create')}
        onCancel={() => void navigate({ to: '/records/$path', params: { path } })}
        onSave={async (body) => {
          const created = await api<EntityRecord>(listUrl(entity, {}), { method: 'POST', body });
          await queries.invalidateQueries({ queryKey: ['list', path] });
          await queries.invalidateQueries({ queryKey: ['count', path] });
          await navigate({ to: '/records/$path/$id', params: { path, id: created.data.id } });
        }}
      />
    </>
  );
}

/** The page that edits a record, with a version conflict explained (reload, or overwrite). */
export function EditRecordPage() {
  const { path, id } = useParams({ from: '/records/$path/$id/edit' });
  const { t } = useTranslation();
  const context = useEntity(path);
  const record = useRecord(context?.entity, id);
  const navigate = useNavigate();
  const queries = useQueryClient();
  const lastBody = useRef<Record<string, unknown>>({});
  const [generation, setGeneration] = useState(0);
  if (!context) return <p role="alert">{t('record.notFound')}</p>;
  if (!record.data) return <p aria-busy="true">{t('app.loading')}</p>;
  const { entity, fields, layout } = context;
  const url = recordUrl(entity, id);
  const done = async (saved: EntityRecord) => {
    queries.setQueryData(['record', path, id], saved);
    await queries.invalidateQueries({ queryKey: ['list', path] });
    await navigate({ to: '/records/$path/$id', params: { path, id } });
  };
  const reload = async () => {
    await record.refetch();
    setGeneration((n) => n + 1);
  };
  const overwrite = async () => {
    const current = await api<EntityRecord>(url);
    const saved = await api<EntityRecord>(url, {
      method: 'PATCH',
      body: lastBody.current,
      ifMatch: current.data.version,
    });
    await done(saved.data);
  };
  return (
    <>
      <PageTitle>{t('form.editTitle', { entity: humanize(entity.name) })}</PageTitle>
      <SchemaForm
        key={`${record.data.version}-${generation}`}
        fields={fields}
        record={record.data}
        {...(layout ? { layout } : {})}
        submitLabel={t('form.save')}
        onCancel={() => void navigate({ to: '/records/$path/$id', params: { path, id } })}
        onSave={async (body) => {
          lastBody.current = body;
          const saved = await api<EntityRecord>(url, { method: 'PATCH', body, ifMatch: record.data.version });
          await done(saved.data);
        }}
        renderProblem={(error) =>
          error.isVersionConflict ? (
            <div className="alert alert--warning" role="alert">
              <p>{t('form.conflict')}</p>
              <div className="form-actions">
                <button type="button" className="button" onClick={() => void reload()}>
                  {t('form.reload')}
                </button>
                <button type="button" className="button button--danger" onClick={() => void overwrite()}>
                  {t('form.overwrite')}
                </button>
              </div>
            </div>
          ) : undefined
        }
      />
    </>
  );
}
