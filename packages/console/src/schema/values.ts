import { currencyDigits } from '../format/format.js';
import type { FieldSpec } from './fields.js';

/** What a form holds for one field: text for inputs, booleans for checkboxes, nested for objects. */
export type FormValue = string | boolean | FormValues | Array<{ value: FormValue }>;

/** What a form holds for a record. */
export interface FormValues {
  [name: string]: FormValue;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as a `datetime-local` value in the browser's time zone. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Minor units as a decimal in major units (`1234`, EUR → `12.34`). */
export function toMajor(amount: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (amount / 10 ** digits).toFixed(digits);
}

/** A decimal in major units as integer minor units, or undefined when it is no number. */
export function toMinor(text: string, currency: string): number | undefined {
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return undefined;
  return Math.round(Number(normalised) * 10 ** currencyDigits(currency || 'EUR'));
}

/** A field's stored value as what its form control holds. */
export function toFormValue(field: FieldSpec, value: unknown): FormValue {
  switch (field.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? value : field.schema.default === true;
    case 'integer':
    case 'number':
      return typeof value === 'number' ? String(value) : '';
    case 'dateTime':
      return typeof value === 'string' ? toLocalInput(value) : '';
    case 'money': {
      const money = value as { amount?: number; currency?: string } | undefined;
      const currency = money?.currency ?? '';
      return {
        amount: typeof money?.amount === 'number' ? toMajor(money.amount, currency || 'EUR') : '',
        currency,
      };
    }
    case 'object':
      return toFormValues(field.children ?? [], (value ?? {}) as Record<string, unknown>);
    case 'array':
      return Array.isArray(value) && field.item
        ? value.map((item) => ({ value: toFormValue(field.item as FieldSpec, item) }))
        : [];
    case 'json':
      return value === undefined ? '' : JSON.stringify(value, null, 2);
    default:
      return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  }
}

/** A record (or nothing, for a new one) as form values of `fields`. */
export function toFormValues(fields: readonly FieldSpec[], record: Record<string, unknown> = {}): FormValues {
  const values: FormValues = {};
  for (const field of fields) values[field.name] = toFormValue(field, record[field.name]);
  return values;
}

/** What a form control holds as the stored value; `undefined` for an empty control. */
export function fromFormValue(field: FieldSpec, value: FormValue | undefined): unknown {
  if (value === undefined) return undefined;
  switch (field.kind) {
    case 'boolean':
      return value === true;
    case 'integer':
    case 'number': {
      const text = String(value).trim();
      if (text === '') return undefined;
      const n = Number(text.replace(',', '.'));
      return Number.isFinite(n) ? n : text;
    }
    case 'dateTime': {
      const text = String(value);
      if (text === '') return undefined;
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? text : date.toISOString();
    }
    case 'money': {
      const money = value as { amount?: string; currency?: string };
      const amount = String(money.amount ?? '').trim();
      const currency = String(money.currency ?? '')
        .trim()
        .toUpperCase();
      if (amount === '' && currency === '') return undefined;
      return { amount: toMinor(amount, currency) ?? amount, currency };
    }
    case 'object': {
      const object = fromFormValues(field.children ?? [], value as FormValues);
      return Object.keys(object).length > 0 ? object : undefined;
    }
    case 'array': {
      if (!Array.isArray(value) || !field.item) return undefined;
      const items = value
        .map((entry) => fromFormValue(field.item as FieldSpec, entry.value))
        .filter((item) => item !== undefined);
      return items.length > 0 ? items : undefined;
    }
    case 'json': {
      const text = String(value).trim();
      if (text === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    }
    default: {
      const text = String(value);
      return text.trim() === '' ? undefined : text;
    }
  }
}

/** Form values as a record of the fields that hold something (read-only fields left out). */
export function fromFormValues(fields: readonly FieldSpec[], values: FormValues): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.readOnly) continue;
    const value = fromFormValue(field, values[field.name]);
    if (value !== undefined) record[field.name] = value;
  }
  return record;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The JSON Merge Patch that turns `before` into `after` for `fields`: changed fields, `null` for
 * removed ones, nested objects patched member by member (money, arrays and free JSON whole). A
 * field whose form value was not changed is left out even when the form's reading of it differs
 * from the stored value, so saving an edit never rewrites fields nobody touched (and a field a
 * plugin keeps immutable is never sent back).
 */
export function mergePatch(
  fields: readonly FieldSpec[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.readOnly) continue;
    const was = before[field.name];
    const now = after[field.name];
    if (field.kind === 'boolean' && now === (was ?? field.schema.default ?? false)) continue;
    if (same(was, now)) continue;
    // A control the person did not touch reads back what it was shown, which may be coarser
    // than what is stored (a time to the minute, an item's defaults): that is no change.
    if (same(fromFormValue(field, toFormValue(field, was)), now)) continue;
    if (now === undefined) {
      if (was !== undefined) patch[field.name] = null;
    } else if (field.kind === 'object' && was && typeof was === 'object') {
      const inner = mergePatch(
        field.children ?? [],
        was as Record<string, unknown>,
        now as Record<string, unknown>,
      );
      if (Object.keys(inner).length > 0) patch[field.name] = inner;
    } else {
      patch[field.name] = now;
    }
  }
  return patch;
}
