import type { TFunction } from 'i18next';
import type { RegisterOptions } from 'react-hook-form';
import type { FieldSpec } from '../schema/fields.js';

/** The checks a browser can make before sending, from the field's schema; the server checks again. */
export function rulesOf(field: FieldSpec, t: TFunction): RegisterOptions {
  const schema = field.schema;
  const rules: RegisterOptions = {};
  // A locked field is shown, never sent: nothing to check.
  if (field.locked) return rules;
  if (field.required && field.kind !== 'boolean' && field.kind !== 'array')
    rules.required = t('form.required');
  if (['text', 'longText', 'email', 'phone', 'url', 'ref'].includes(field.kind)) {
    if (typeof schema.maxLength === 'number')
      rules.maxLength = { value: schema.maxLength, message: t('form.tooLong', { n: schema.maxLength }) };
    if (typeof schema.minLength === 'number' && schema.minLength > 1)
      rules.minLength = { value: schema.minLength, message: t('form.tooShort', { n: schema.minLength }) };
    if (typeof schema.pattern === 'string') {
      try {
        rules.pattern = { value: new RegExp(schema.pattern, 'u'), message: t('form.pattern') };
      } catch {
        // A pattern the browser cannot compile is left to the server.
      }
    }
  }
  if (field.kind === 'integer' || field.kind === 'number') {
    rules.validate = (value: unknown) => {
      const text = String(value ?? '').trim();
      if (text === '') return true;
      const n = Number(text.replace(',', '.'));
      if (!Number.isFinite(n) || (field.kind === 'integer' && !Number.isInteger(n)))
        return t('form.notNumber');
      if (typeof schema.minimum === 'number' && n < schema.minimum)
        return t('form.tooSmall', { n: schema.minimum });
      if (typeof schema.maximum === 'number' && n > schema.maximum)
        return t('form.tooLarge', { n: schema.maximum });
      return true;
    };
  }
  if (field.kind === 'json') {
    rules.validate = (value: unknown) => {
      const text = String(value ?? '').trim();
      if (text === '') return true;
      try {
        JSON.parse(text);
        return true;
      } catch {
        return t('form.notJson');
      }
    };
  }
  return rules;
}

/**
 * The form control name of a server error path: array items sit under `value` in the form
 * (`tags.0` → `tags.0.value`, `lines.1.sku` → `lines.1.value.sku`); `undefined` when no field
 * of `fields` is at the path.
 */
export function formNameOf(fields: readonly FieldSpec[], path: string): string | undefined {
  const steps = path.split(/[./]/).filter(Boolean);
  const out: string[] = [];
  let level: readonly FieldSpec[] | undefined = fields;
  let current: FieldSpec | undefined;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as string;
    if (current?.kind === 'array' && /^\d+$/.test(step)) {
      out.push(step, 'value');
      current = current.item;
      level = current?.children;
      continue;
    }
    if (current?.kind === 'money' && (step === 'amount' || step === 'currency')) {
      out.push(step);
      return out.join('.');
    }
    const found: FieldSpec | undefined = level?.find((field) => field.name === step);
    if (!found) return current && out.length > 0 ? out.join('.') : undefined;
    out.push(step);
    current = found;
    level = found.children;
  }
  return out.length > 0 ? out.join('.') : undefined;
}
