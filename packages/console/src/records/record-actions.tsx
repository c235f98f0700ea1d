import type { ActionView } from '@rapport/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http.js';
import { matchesWhere } from '../api/match-where.js';
import { entityNamed } from '../api/model.js';
import { ApiError } from '../api/problem.js';
import type { EntityRecord } from '../api/records.js';
import { localText } from '../i18n/i18n.js';
import { useSession } from '../layout/session-context.js';
import { fieldsOf } from '../schema/fields.js';
import { valueAt } from '../schema/value-at.js';
import { fillRoute } from '../views/kanban-view.js';
import { ActionFormDialog } from './action-form-dialog.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { RevealDialog } from './reveal-dialog.js';

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

/** A fresh key for an action's `freshKey` field. */
const freshKey = () => crypto.randomUUID();

/**
 * One declared action as a button: asks its confirmation in a dialog — or, when it declares
 * `input`, a form of those fields — calls its route, then opens the record the answer names (the
 * deal a lead became) or reloads this one; a refusal is shown with the server's reason (field
 * errors at their fields), and nothing else changes.
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
  const key = useRef(freshKey());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [asking, setAsking] = useState(0);
  const revealDialog = useRef<HTMLDialogElement>(null);
  const [revealed, setRevealed] = useState<string>();
  const title = localText(action.title, i18n.language);
  const dialogId = `action-${action.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const inputFields = useMemo(() => {
    if (!action.input) return undefined;
    const names = new Set(model.entities.map((candidate) => candidate.name));
    return fieldsOf(action.input, { entities: names }).filter((field) => field.name !== action.freshKey);
  }, [action.input, action.freshKey, model]);

  /** Calls the route with `answers` over the declared body; throws the server's refusal. */
  const call = async (answers: Record<string, unknown>) => {
    const body = { ...(action.body ?? {}), ...answers };
    if (action.freshKey) body[action.freshKey] = key.current;
    let answer: { data?: Record<string, unknown> };
    try {
      answer = await api<Record<string, unknown>>(fillRoute(action.route, { id: record.id }), {
        method: action.method ?? 'POST',
        body,
      });
    } catch (cause) {
      // An answer, even a refusal, ends the attempt; a lost answer keeps the key for the retry.
      if (cause instanceof ApiError) key.current = freshKey();
      throw cause;
    }
    key.current = freshKey();
    dialog.current?.close();
    const shown = action.reveal ? valueAt(answer.data ?? {}, action.reveal.path) : undefined;
    if (typeof shown === 'string') {
      setRevealed(shown);
      // after React has rendered the dialog with the value
      queueMicrotask(() => revealDialog.current?.showModal());
    }
    // An action changes the record and what hangs off it: its panels, timeline, related lists.
    for (const queryKey of [
      ['record', path, record.id],
      ['list'],
      ['count'],
      ['panel'],
      ['timeline'],
      ['audit'],
    ])
      await queries.invalidateQueries({ queryKey });
    const target = action.open ? entityNamed(model, action.open.entity) : undefined;
    const id = action.open ? valueAt(answer.data ?? {}, action.open.id) : undefined;
    if (target && typeof id === 'string') {
      await navigate({ to: '/records/$path/$id', params: { path: target.path, id } });
    }
  };

  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await call({});
    } catch (cause) {
      setError(cause instanceof ApiError ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };

  const open = () => {
    if (inputFields) {
      setAsking((n) => n + 1); // a fresh form each time
      dialog.current?.showModal();
    } else if (action.confirm) dialog.current?.showModal();
    else void run();
  };

  return (
    <>
      <button type="button" className="button" disabled={busy} onClick={open}>
        {title}
      </button>
      {inputFields ? (
        <ActionFormDialog
          dialog={dialog}
          action={action}
          recordId={record.id}
          fields={inputFields}
          opening={asking}
          onCall={call}
        />
      ) : action.confirm ? (
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
      {action.reveal ? (
        <RevealDialog
          dialog={revealDialog}
          id={`${dialogId}-reveal`}
          title={action.reveal.title ? localText(action.reveal.title, i18n.language) : title}
          value={revealed ?? ''}
          onClose={() => setRevealed(undefined)}
        />
      ) : null}
    </>
  );
}
