import type { FormView } from '@rapport/core';
import type { TFunction } from 'i18next';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldProblem } from '../api/problem.js';
import type { EntityRecord } from '../api/records.js';
import { humanize } from '../format/format.js';
import { localText } from '../i18n/i18n.js';
import { type FieldSpec, fieldAt } from '../schema/fields.js';
import { type FormValues, fromFormValues, mergePatch, toFormValues } from '../schema/values.js';
import { FieldControl } from './field-control.js';
import { controlId } from './field-frame.js';
import { formNameOf } from './field-rules.js';

/** Props of {@link SchemaForm}. */
export interface SchemaFormProps {
  /**
   * The entity's fields (system fields left out); read-only ones are not offered, except those
   * the caller's roles lock, which are shown disabled.
   */
  fields: readonly FieldSpec[];
  /** The record being edited; a new record when left out. */
  record?: EntityRecord;
  /** A plugin's layout: sections of field paths. */
  layout?: FormView;
  submitLabel: string;
  /** Sends the body (the whole record when new, a merge patch when editing); throws an `ApiError` when refused. */
  onSave(body: Record<string, unknown>): Promise<void>;
  onCancel?(): void;
  /** Renders a refusal that is not about fields (a version conflict); the form shows the detail otherwise. */
  renderProblem?(error: ApiError, retry: () => void): ReactNode | undefined;
}

interface Section {
  title?: string;
  fields: FieldSpec[];
}

/** The fields a form shows: the editable ones, and the locked ones (disabled). */
function shownFields(fields: readonly FieldSpec[]): FieldSpec[] {
  return fields.filter((field) => !field.readOnly || field.locked);
}

function sectionsOf(fields: readonly FieldSpec[], layout: FormView | undefined, language: string): Section[] {
  const editable = shownFields(fields);
  if (!layout) return [{ fields: editable }];
  const placed = new Set<string>();
  const sections: Section[] = layout.sections.map((section) => ({
    ...(section.title ? { title: localText(section.title, language) } : {}),
    fields: section.fields
      .map((path) => {
        placed.add(path.split('.')[0] as string);
        return fieldAt(editable, path);
      })
      .filter((field): field is FieldSpec => !!field && (!field.readOnly || !!field.locked)),
  }));
  // Fields the layout does not place (other plugins' extensions among them) follow in a last section;
  // a section left without fields (all hidden from the caller, or computed) is left out.
  const missing = editable.filter((field) => !placed.has(field.name));
  const shown = sections.filter((section) => section.fields.length > 0);
  if (missing.length > 0) shown.push({ fields: missing });
  return shown;
}

/** The form names of every field error, nested objects and array items walked into. */
function errorPaths(errors: object, prefix = ''): string[] {
  return Object.entries(errors).flatMap(([key, value]) => {
    if (!value || typeof value !== 'object') return [];
    const name = prefix ? `${prefix}.${key}` : key;
    return typeof (value as { message?: unknown }).message === 'string' ? [name] : errorPaths(value, name);
  });
}

/** A server's field error in words, naming the rule it broke (`is not a valid e-mail address (rule: customers.email)`). */
function withRule(problem: FieldProblem, t: TFunction): string {
  return problem.rule
    ? t('form.ruleBroken', { message: problem.message, rule: problem.rule })
    : problem.message;
}

/** A form name in words for the error summary: `objective.city` → `Objective › City`, `tags.0.value` → `Tags › 1`. */
function summaryLabel(name: string): string {
  return name
    .split('.')
    .filter((step) => step !== 'value')
    .map((step) => (/^\d+$/.test(step) ? String(Number(step) + 1) : humanize(step)))
    .join(' › ');
}

/**
 * A create or edit form generated from an entity's JSON Schema (react-hook-form): a control for
 * every type and format the entities use, the schema's bounds checked in the browser, and the
 * server's field errors (problem details) shown beside their fields with a summary on top.
 */
export function SchemaForm(props: SchemaFormProps) {
  const { t, i18n } = useTranslation();
  const editable = useMemo(() => props.fields.filter((field) => !field.readOnly), [props.fields]);
  // Locked fields show their values; only the editable ones are sent.
  const defaults = useMemo(
    () => toFormValues(shownFields(props.fields), props.record),
    [props.fields, props.record],
  );
  const form = useForm<FormValues>({ defaultValues: defaults, mode: 'onTouched' });
  const [unplaced, setUnplaced] = useState<FieldProblem[]>([]);
  const [problem, setProblem] = useState<ApiError | Error | undefined>();
  const summary = useRef<HTMLDivElement>(null);
  const sections = sectionsOf(props.fields, props.layout, i18n.language);

  const submit = form.handleSubmit(
    async (values) => {
      setProblem(undefined);
      setUnplaced([]);
      const next = fromFormValues(editable, values);
      const body = props.record ? mergePatch(editable, props.record, next) : next;
      try {
        await props.onSave(body);
      } catch (error) {
        if (error instanceof ApiError && error.fieldErrors.length > 0) {
          const left: FieldProblem[] = [];
          let first: string | undefined;
          for (const fieldError of error.fieldErrors) {
            const name = formNameOf(editable, fieldError.path);
            if (name) {
              form.setError(name, { type: 'server', message: withRule(fieldError, t) });
              first ??= name;
            } else left.push(fieldError);
          }
          setUnplaced(left);
          setProblem(error);
          if (first) form.setFocus(first);
          else summary.current?.focus();
        } else {
          setProblem(error as Error);
          queueMicrotask(() => summary.current?.focus());
        }
      }
    },
    () => queueMicrotask(() => summary.current?.focus()),
  );

  const errors = errorPaths(form.formState.errors);
  const custom =
    problem instanceof ApiError ? props.renderProblem?.(problem, () => void submit()) : undefined;
  return (
    <FormProvider {...form}>
      <form className="schema-form" noValidate onSubmit={submit}>
        <div ref={summary} tabIndex={-1} className="form-summary">
          {custom ??
            (problem || errors.length > 0 ? (
              <div className="alert alert--error" role="alert">
                <p>
                  {problem && !(problem instanceof ApiError && problem.fieldErrors.length > 0)
                    ? problem.message
                    : t('form.errors')}
                </p>
                <ul>
                  {errors.map((name) => (
                    <li key={name}>
                      <a href={`#${controlId(name)}`}>{summaryLabel(name)}</a>
                    </li>
                  ))}
                  {unplaced.map((fieldError) => (
                    <li key={fieldError.path}>
                      {humanize(fieldError.path)}: {withRule(fieldError, t)}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null)}
        </div>
        {sections.map((section, index) => (
          <fieldset key={section.title ?? index} className="form-section">
            {section.title ? <legend>{section.title}</legend> : null}
            {section.fields.map((field) => (
              <FieldControl key={field.path} field={field} name={field.path} />
            ))}
          </fieldset>
        ))}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            {props.submitLabel}
          </button>
          {props.onCancel ? (
            <button type="button" className="button" onClick={props.onCancel}>
              {t('form.cancel')}
            </button>
          ) : null}
        </div>
      </form>
    </FormProvider>
  );
}
