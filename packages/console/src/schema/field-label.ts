import { humanize } from '../format/format.js';
import type { FieldSpec } from './fields.js';

/** A field's label: its schema's `title`, else its name in words (`birthYear` → `Birth year`). */
export function fieldLabel(field: Pick<FieldSpec, 'name' | 'schema'>): string {
  return typeof field.schema.title === 'string' ? field.schema.title : humanize(field.name);
}
