import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';

/** Props of {@link RevealDialog}. */
export interface RevealDialogProps {
  dialog: RefObject<HTMLDialogElement | null>;
  /** The id of the title, which names the dialog. */
  id: string;
  title: string;
  /** The value shown this once (a secret an action made); kept nowhere once the dialog closes. */
  value: string;
  onClose(): void;
}

/**
 * Shows a value an action answered once — a webhook's new signing secret — selectable and with a
 * copy button, and says it will not be shown again; closing forgets it.
 */
export function RevealDialog(props: RevealDialogProps) {
  const { t } = useTranslation();
  const close = () => {
    props.dialog.current?.close();
    props.onClose();
  };
  return (
    <dialog ref={props.dialog} aria-labelledby={props.id} className="dialog" onClose={props.onClose}>
      <p id={props.id}>{props.title}</p>
      <p className="muted">{t('action.revealOnce')}</p>
      <input
        className="input"
        readOnly
        value={props.value}
        aria-labelledby={props.id}
        onFocus={(event) => event.currentTarget.select()}
        style={{ fontFamily: 'monospace', width: '100%' }}
      />
      <div className="form-actions">
        <button
          type="button"
          className="button"
          onClick={() => void navigator.clipboard?.writeText(props.value)}
        >
          {t('action.copy')}
        </button>
        <button type="button" className="button button--primary" onClick={close}>
          {t('action.close')}
        </button>
      </div>
    </dialog>
  );
}
