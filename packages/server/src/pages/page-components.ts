import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** HTML made by `html` from `hono/html` (values escaped), or by the kit's components. */
export type PageHtml = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Options of {@link pageForm}. */
export interface FormOptions {
  /** The submit button's text. */
  submit: string;
  /** The fields. */
  body?: PageHtml;
}

/**
 * A form that posts back to the page's own URL (so the link token in it comes along), with
 * `application/x-www-form-urlencoded` fields; it works without JavaScript.
 */
export function pageForm(options: FormOptions): PageHtml {
  return html`<form method="post">${options.body ?? ''}<button type="submit">${options.submit}</button></form>`;
}

/** Options of {@link choiceField}. */
export interface ChoiceOptions {
  /** The field name the form posts. */
  name: string;
  /** The question, shown as the group's legend (screen readers read it with each choice). */
  legend: string;
  choices: ReadonlyArray<{ value: string; label: string }>;
  /** The value chosen before (when the page is shown again). */
  checked?: string;
  required?: boolean;
  /** A sentence shown under the legend when the earlier answer was refused. */
  error?: string;
}

/** A group of radio buttons in a fieldset with a legend, each with its own label (a rating from 1 to 5). */
export function choiceField(options: ChoiceOptions): PageHtml {
  const errorId = `${options.name}-error`;
  return html`<fieldset${options.error ? html` aria-describedby="${errorId}"` : ''}><legend>${options.legend}</legend>${
    options.error ? html`<p class="error" id="${errorId}">${options.error}</p>` : ''
  }<div class="choices">${options.choices.map(
    (choice) =>
      html`<label class="choice" for="${options.name}-${choice.value}"><input type="radio" id="${options.name}-${choice.value}" name="${options.name}" value="${choice.value}"${
        choice.value === options.checked ? ' checked' : ''
      }${options.required ? ' required' : ''}>${choice.label}</label>`,
  )}</div></fieldset>`;
}

/** Options of {@link textField}. */
export interface TextFieldOptions {
  name: string;
  label: string;
  /** A sentence under the label (what the text is for, how long it may be). */
  hint?: string;
  maxLength?: number;
  value?: string;
}

/** A labelled multi-line text field. */
export function textField(options: TextFieldOptions): PageHtml {
  const id = `${options.name}-field`;
  const hintId = `${options.name}-hint`;
  return html`<label class="field" for="${id}">${options.label}</label>${
    options.hint ? html`<span class="hint" id="${hintId}">${options.hint}</span>` : ''
  }<textarea id="${id}" name="${options.name}"${options.hint ? html` aria-describedby="${hintId}"` : ''}${
    options.maxLength ? html` maxlength="${options.maxLength}"` : ''
  }>${options.value ?? ''}</textarea>`;
}
