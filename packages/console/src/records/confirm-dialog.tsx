import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  dialog: RefObject<HTMLDialogElement | null>;
  /** The id of the question, which names the dialog. */
  id: string;
  question: string;
  /** More words under the question. */
  detail?: ReactNode;
  /** Why the last try failed, shown as an alert. */
  error?: string | undefined;
  confirmLabel: string;
  /** `danger` for what cannot be undone (a delete). */
  tone?: 'primary' | 'danger';
  busy?: boolean;
  onConfirm(): void;
}

/** A modal question with a confirm and a cancel button (a delete, a plugin's action). */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <dialog ref={props.dialog} aria-labelledby={props.id} className="dialog">
      <p id={props.id}>{props.question}</p>
      {props.detail ? <p className="muted">{props.detail}</p> : null}
      {props.error ? (
        <p role="alert" className="field__error">
          {props.error}
        </p>
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className={`button button--${props.tone ?? 'primary'}`}
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
        <button type="button" className="button" onClick={() => props.dialog.current?.close()}>
          {t('record.cancel')}
        </button>
      </div>
    </dialog>
  );
}
