import type { FormView } from '@rapport/core';
import { useTranslation } from 'react-i18next';
import type { EntityRecord } from '../api/records.js';
import { formatValue } from '../format/format.js';
import { localText } from '../i18n/i18n.js';
import { useSession } from '../layout/session-context.js';
import { fieldLabel } from '../schema/field-label.js';
import { type FieldSpec, fieldAt, PERSON_FIELDS } from '../schema/fields.js';
import { valueAt } from '../schema/value-at.js';
import { PersonName, RefLink } from './ref-link.js';

function FieldValue({
  field,
  value,
  record,
}: {
  field: FieldSpec;
  value: unknown;
  record: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const { place } = useSession();
  if (value === undefined || value === null || value === '') return <span className="muted">—</span>;
  if (field.kind === 'ref' && field.refEntity && typeof value === 'string')
    return <RefLink entity={field.refEntity} id={value} />;
  if (PERSON_FIELDS.has(field.name) && typeof value === 'string') return <PersonName id={value} />;
  if (field.kind === 'object') {
    return <FieldList fields={field.children ?? []} record={value as Record<string, unknown>} />;
  }
  if (field.kind === 'array' && field.item?.kind === 'object' && Array.isArray(value)) {
    return (
      <ol className="value-list">
        {value.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items of a stored array have no id of their own
          <li key={index}>
            <FieldList fields={field.item?.children ?? []} record={item as Record<string, unknown>} />
          </li>
        ))}
      </ol>
    );
  }
  if (field.kind === 'json') return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
  return <>{formatValue(field, value, place, { yes: t('values.yes'), no: t('values.no') }, record)}</>;
}

/** Fields of a record as a description list, each value formatted by its kind. */
export function FieldList({
  fields,
  record,
}: {
  fields: readonly FieldSpec[];
  record: Record<string, unknown>;
}) {
  const { i18n } = useTranslation();
  const present = fields.filter((field) => {
    const value = valueAt(record, field.name);
    return value !== undefined && !(Array.isArray(value) && value.length === 0);
  });
  return (
    <dl className="field-list">
      {present.map((field) => (
        <div key={field.path} className="field-list__item">
          <dt>{fieldLabel(field, i18n.language)}</dt>
          <dd>
            <FieldValue field={field} value={valueAt(record, field.name)} record={record} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The sections of a form layout over `fields`; the fields it does not place follow in a last
 * section. A section left without fields (all hidden from the caller) is left out.
 */
function layoutSections(layout: FormView, fields: readonly FieldSpec[], language: string, rest: string) {
  const placed = new Set<string>();
  const sections = layout.sections.map((section) => ({
    title: section.title ? localText(section.title, language) : rest,
    fields: section.fields
      .map((path) => {
        placed.add(path.split('.')[0] as string);
        return fieldAt(fields, path);
      })
      .filter((field): field is FieldSpec => !!field),
  }));
  const others = fields.filter((field) => !placed.has(field.name));
  const shown = sections.filter((section) => section.fields.length > 0);
  return others.length > 0 ? [...shown, { title: rest, fields: others }] : shown;
}

/** A record's fields: in the sections of a plugin's form layout, or in schema order. */
export function RecordFields({
  fields,
  record,
  layout,
}: {
  fields: readonly FieldSpec[];
  record: EntityRecord;
  layout?: FormView;
}) {
  const { t, i18n } = useTranslation();
  const system = fields.filter((field) => ['id', 'createdAt', 'updatedAt', 'version'].includes(field.name));
  const own = fields.filter((field) => !system.includes(field));
  const sections = layout
    ? layoutSections(layout, own, i18n.language, t('record.fields'))
    : [{ title: t('record.fields'), fields: own }];
  return (
    <>
      {sections.map((section) => (
        <section key={section.title} className="card" aria-label={section.title}>
          <h2>{section.title}</h2>
          <FieldList fields={section.fields} record={record} />
        </section>
      ))}
      <details className="card">
        <summary>{t('record.system')}</summary>
        <FieldList fields={system} record={record} />
      </details>
    </>
  );
}
