import type { ActionView } from '@rapport/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http.js';
import { matchesWhere } from '../api/match-where.js';
import { entityNamed } from '../api/model.js';
import { ApiError } from '../api/problem.js';
import type { EntityRecord } from '../api/records.js';
import { localText } from '../i18n/i18n.js';
import { useSession } from '../layout/session-context.js';
import { valueAt } from '../schema/value-at.js';
import { fillRoute } from '../views/kanban-view.js';
import { ConfirmDialog } from './confirm-dialog.js';

/** The actions plugins declare for an entity that the caller may use on this record, in order. */
export function actionsFor(
  views: readonly { kind: string }[],
  entity: string,
  record: EntityRecord,
  can: (resource: string, action: string) => boolean,
): ActionView[] {
  return views
    .filter((view): view is ActionView => view.kind === 'action')
    .filter((view) => view.entity === entity && matchesWhere(record, view.when))
    .filter((view) => {
      if (!view.permission) return true;
      const [resource, action] = view.permission.split(':') as [string, string];
      return can(resource, action);
    })
    .sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
}

/**
 * One declared action as a button: asks its confirmation in a dialog, calls its route, then opens
 * the record the answer names (the deal a lead became) or reloads this one; a refusal is shown
 * with the server's reason, and nothing else changes.
 */
export function RecordAction({
  action,
  record,
  path,
}: {
  action: ActionView;
  record: EntityRecord;
  path: string;
}) {
  const { t, i18n } = useTranslation();
  const { model } = useSession();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const title = localText(action.title, i18n.language);
  const dialogId = `action-${action.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;

  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api<Record<string, unknown>>(fillRoute(action.route, { id: record.id }), {
        method: action.method ?? 'POST',
        body: action.body ?? {},
      });
      dialog.current?.close();
      await queries.invalidateQueries({ queryKey: ['record', path, record.id] });
      await queries.invalidateQueries({ queryKey: ['list'] });
      const target = action.open ? entityNamed(model, action.open.entity) : undefined;
      const id = action.open ? valueAt(answer.data ?? {}, action.open.id) : undefined;
      if (target && typeof id === 'string') {
        await navigate({ to: '/records/$path/$id', params: { path: target.path, id } });
      }
    } catch (cause) {
      setError(cause instanceof ApiError ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => (action.confirm ? dialog.current?.showModal() : void run())}
      >
        {title}
      </button>
      {action.confirm ? (
        <ConfirmDialog
          dialog={dialog}
          id={`${dialogId}-text`}
          question={localText(action.confirm, i18n.language)}
          detail={action.description ? localText(action.description, i18n.language) : undefined}
          error={error}
          confirmLabel={t('action.confirm')}
          busy={busy}
          onConfirm={() => void run()}
        />
      ) : error ? (
        <p role="alert" className="field__error">
          {error}
        </p>
      ) : null}
    </>
  );
}
