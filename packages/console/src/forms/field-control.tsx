import type { ReactNode } from 'react';
import { Controller, get, useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { humanize } from '../format/format.js';
import { fieldLabel } from '../schema/field-label.js';
import type { FieldSpec } from '../schema/fields.js';
import { toFormValue } from '../schema/values.js';
import { controlId, describedBy, FieldFrame } from './field-frame.js';
import { rulesOf } from './field-rules.js';
import { RefPicker } from './ref-picker.js';

/** Props of {@link FieldControl}. */
export interface FieldControlProps {
  field: FieldSpec;
  /** The form control name (`objective.city`, `tags.0.value`). */
  name: string;
  /** The label; the field's name in words when left out. */
  label?: string;
}

const INPUT_TYPES: Partial<Record<FieldSpec['kind'], string>> = {
  email: 'email',
  phone: 'tel',
  url: 'url',
  date: 'date',
  dateTime: 'datetime-local',
};

/**
 * One field of a schema-driven form, by its kind: inputs, selects, checkboxes, groups and lists.
 * A field the caller's roles lock is shown disabled (inside a disabled fieldset, so every control
 * of a group or list is too), with a note saying why.
 */
export function FieldControl(props: FieldControlProps & { withinLocked?: boolean }) {
  const { t } = useTranslation();
  if (!props.field.locked || props.withinLocked) return <KindControl {...props} />;
  const note = `${controlId(props.name)}-locked`;
  return (
    <fieldset className="field-locked" disabled aria-describedby={note}>
      <KindControl {...props} />
      <p id={note} className="field-note">
        {t('form.locked')}
      </p>
    </fieldset>
  );
}

function KindControl({ field, name, label }: FieldControlProps) {
  const { t, i18n } = useTranslation();
  const { register, formState, control } = useFormContext();
  const id = controlId(name);
  const text = label ?? fieldLabel(field, i18n.language);
  const description = typeof field.schema.description === 'string' ? field.schema.description : undefined;
  const error = get(formState.errors, name) as { message?: string } | undefined;
  const message = error?.message;
  const aria = {
    id,
    'aria-invalid': message ? true : undefined,
    'aria-describedby': describedBy(id, !!description, !!message),
    'aria-required': field.required || undefined,
  } as const;
  const frame = (control: ReactNode) => (
    <FieldFrame id={id} label={text} required={field.required} description={description} error={message}>
      {control}
    </FieldFrame>
  );

  switch (field.kind) {
    case 'object':
      return (
        <fieldset className="group">
          <legend>{text}</legend>
          {(field.children ?? []).map((child) => (
            <FieldControl
              key={child.name}
              field={child}
              name={`${name}.${child.name}`}
              withinLocked={!!field.locked}
            />
          ))}
        </fieldset>
      );
    case 'array':
      return <ArrayControl field={field} name={name} label={text} />;
    case 'money':
      return (
        <fieldset className="group group--inline">
          <legend>
            {text}
            {field.required ? <span className="required"> *</span> : null}
          </legend>
          <FieldFrame
            id={`${id}-amount`}
            label={t('form.amount')}
            error={(get(formState.errors, `${name}.amount`) as { message?: string } | undefined)?.message}
          >
            <input
              id={`${id}-amount`}
              inputMode="decimal"
              autoComplete="off"
              aria-invalid={get(formState.errors, `${name}.amount`) ? true : undefined}
              aria-describedby={get(formState.errors, `${name}.amount`) ? `${id}-amount-error` : undefined}
              {...register(`${name}.amount`, {
                validate: (value: string) =>
                  value.trim() === '' ||
                  /^-?\d+([.,]\d+)?$/.test(value.trim().replace(/\s/g, '')) ||
                  t('form.notNumber'),
              })}
            />
          </FieldFrame>
          <FieldFrame
            id={`${id}-currency`}
            label={t('form.currency')}
            error={(get(formState.errors, `${name}.currency`) as { message?: string } | undefined)?.message}
          >
            <input
              id={`${id}-currency`}
              maxLength={3}
              size={4}
              autoComplete="off"
              aria-invalid={get(formState.errors, `${name}.currency`) ? true : undefined}
              aria-describedby={
                get(formState.errors, `${name}.currency`) ? `${id}-currency-error` : undefined
              }
              {...register(`${name}.currency`)}
            />
          </FieldFrame>
        </fieldset>
      );
    case 'boolean':
      return (
        <div className={message ? 'field field--check field--invalid' : 'field field--check'}>
          <input type="checkbox" {...aria} {...register(name)} />
          <label htmlFor={id}>{text}</label>
          {message ? (
            <p className="field__error" id={`${id}-error`} role="alert">
              {message}
            </p>
          ) : null}
        </div>
      );
    case 'enum':
      return frame(
        <select
          {...aria}
          defaultValue={String(get(formState.defaultValues, name) ?? '')}
          {...register(name, rulesOf(field, t))}
        >
          <option value="">{field.required ? '' : t('form.noValue')}</option>
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {humanize(option)}
            </option>
          ))}
        </select>,
      );
    case 'longText':
    case 'json':
      return frame(
        <textarea rows={field.kind === 'json' ? 6 : 4} {...aria} {...register(name, rulesOf(field, t))} />,
      );
    case 'ref':
      return frame(
        <Controller
          control={control}
          name={name}
          rules={rulesOf(field, t)}
          render={({ field: controlled }) => (
            <RefPicker
              {...aria}
              entity={field.refEntity as string}
              value={String(controlled.value ?? '')}
              onChange={controlled.onChange}
              onBlur={controlled.onBlur}
            />
          )}
        />,
      );
    case 'integer':
    case 'number':
      return frame(
        <input
          inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
          autoComplete="off"
          {...aria}
          {...register(name, rulesOf(field, t))}
        />,
      );
    default:
      return frame(
        <input
          type={INPUT_TYPES[field.kind] ?? 'text'}
          autoComplete="off"
          {...aria}
          {...register(name, rulesOf(field, t))}
        />,
      );
  }
}

function ArrayControl({ field, name, label }: { field: FieldSpec; name: string; label: string }) {
  const { t } = useTranslation();
  const { control, formState } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name });
  const item = field.item as FieldSpec;
  const max = typeof field.schema.maxItems === 'number' ? field.schema.maxItems : Number.POSITIVE_INFINITY;
  const error = (get(formState.errors, name) as { message?: string } | undefined)?.message;
  return (
    <fieldset className="group">
      <legend>{label}</legend>
      {fields.length === 0 ? <p className="muted">{t('form.noValue')}</p> : null}
      <ol className="array-items">
        {fields.map((entry, index) => (
          <li key={entry.id} className="array-item">
            <FieldControl
              field={item}
              name={`${name}.${index}.value`}
              label={t('form.item', { n: index + 1 })}
              withinLocked={!!field.locked}
            />
            <button
              type="button"
              className="button button--quiet"
              onClick={() => remove(index)}
              aria-label={`${t('form.remove')} ${label} ${index + 1}`}
            >
              {t('form.remove')}
            </button>
          </li>
        ))}
      </ol>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="button button--quiet"
        disabled={fields.length >= max}
        onClick={() => append({ value: toFormValue(item, undefined) })}
      >
        {t('form.add')} · {label}
      </button>
    </fieldset>
  );
}
