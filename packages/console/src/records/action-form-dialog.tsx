import type { ActionView } from '@rapport/core';
import { type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http.js';
import { ApiError } from '../api/problem.js';
import { SchemaForm } from '../forms/schema-form.js';
import { localText } from '../i18n/i18n.js';
import type { FieldSpec } from '../schema/fields.js';
import { valueAt } from '../schema/value-at.js';
import { fillRoute } from '../views/kanban-view.js';
import { KeyValue } from '../views/panel-content.js';

/** Props of {@link ActionFormDialog}. */
export interface ActionFormDialogProps {
  dialog: RefObject<HTMLDialogElement | null>;
  action: ActionView;
  /** The record the action is for. */
  recordId: string;
  /** The action's input fields. */
  fields: readonly FieldSpec[];
  /** Changes each time the dialog opens, so the form starts empty. */
  opening: number;
  /** Calls the action's route with the answers; throws the server's refusal. */
  onCall(answers: Record<string, unknown>): Promise<void>;
}

/** The answer's fields at `show` (paths into it), or all of it. */
function shown(
  answer: Record<string, unknown>,
  show: readonly string[] | undefined,
): Record<string, unknown> {
  if (!show) return answer;
  return Object.fromEntries(show.map((path) => [path.split('.').at(-1) as string, valueAt(answer, path)]));
}

/**
 * An action that asks its `input` first: a generated form whose answers go to the route — or,
 * with a `preview` route, first to that, whose answer is shown with Confirm and Back (the form
 * keeps what was typed). Refusals show at their fields, or above the buttons.
 */
export function ActionFormDialog(props: ActionFormDialogProps) {
  const { t, i18n } = useTranslation();
  const { action } = props;
  const [preview, setPreview] = useState<{
    answers: Record<string, unknown>;
    answer: Record<string, unknown>;
  }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const title = localText(action.title, i18n.language);
  const titleId = `action-${action.id.replace(/[^A-Za-z0-9_-]/g, '-')}-title`;

  const submit = async (answers: Record<string, unknown>) => {
    if (!action.preview) return props.onCall(answers);
    const answer = await api<Record<string, unknown>>(
      fillRoute(action.preview.route, { id: props.recordId }),
      {
        method: 'POST',
        body: { ...(action.body ?? {}), ...answers },
      },
    );
    setError(undefined);
    setPreview({ answers, answer: answer.data ?? {} });
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    setError(undefined);
    try {
      await props.onCall(preview.answers);
      setPreview(undefined);
    } catch (cause) {
      setError(cause instanceof ApiError ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={props.dialog}
      aria-labelledby={titleId}
      className="dialog"
      onClose={() => setPreview(undefined)}
    >
      <h2 id={titleId}>{title}</h2>
      {action.description ? <p className="muted">{localText(action.description, i18n.language)}</p> : null}
      <div hidden={!!preview}>
        {action.confirm && !action.preview ? <p>{localText(action.confirm, i18n.language)}</p> : null}
        {props.opening > 0 ? (
          <SchemaForm
            key={props.opening}
            fields={props.fields}
            submitLabel={action.preview ? t('action.preview') : title}
            onSave={submit}
            onCancel={() => props.dialog.current?.close()}
          />
        ) : null}
      </div>
      {preview ? (
        <section aria-label={t('action.previewTitle')}>
          {action.confirm ? <p>{localText(action.confirm, i18n.language)}</p> : null}
          <KeyValue value={shown(preview.answer, action.preview?.show)} />
          {error ? (
            <p role="alert" className="field__error">
              {error}
            </p>
          ) : null}
          <div className="form-actions">
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void confirm()}
            >
              {title}
            </button>
            <button type="button" className="button" onClick={() => setPreview(undefined)}>
              {t('action.back')}
            </button>
          </div>
        </section>
      ) : null}
    </dialog>
  );
}
