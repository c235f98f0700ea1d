import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The id of a field's control, from its form path (`objective.city` → `field-objective-city`). */
export function controlId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** Props of {@link FieldFrame}. */
export interface FieldFrameProps {
  id: string;
  label: string;
  required?: boolean;
  description?: string;
  error?: string;
  children: ReactNode;
}

/** A field's label, control, description and error, wired with ids for assistive technology. */
export function FieldFrame({ id, label, required, description, error, children }: FieldFrameProps) {
  const { t } = useTranslation();
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required" title={t('form.required')}>
            {' '}
            *<span className="visually-hidden">{t('form.required')}</span>
          </span>
        ) : null}
      </label>
      {children}
      {description ? (
        <p className="field__hint" id={`${id}-hint`}>
          {description}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The `aria-describedby` of a control with an optional hint and error. */
export function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
