import { humanize } from '../format/format.js';
import { ZH_ENTITY_NAMES, ZH_FIELD_NAMES } from '../i18n/names-zh-hans.js';
import type { FieldSpec } from './fields.js';

const last = (path: string) => path.split('.').pop() ?? path;
/** Simplified Chinese, however the tag is written (`zh-Hans`, `zh-hans`, `zh-Hans-CN`, `zh`). */
const isChinese = (language: string) => language.toLowerCase().startsWith('zh');

/**
 * A field's label in `language`: its Simplified Chinese name when the console knows one, else its
 * schema's `title`, else its name in words (`birthYear` → `Birth year`).
 */
export function fieldLabel(field: Pick<FieldSpec, 'name' | 'schema'>, language = 'en'): string {
  if (isChinese(language)) {
    const zh = ZH_FIELD_NAMES[field.name];
    if (zh) return zh;
  }
  return typeof field.schema.title === 'string' ? field.schema.title : humanize(field.name);
}

/** A field path's label in `language` (a column, a filter, a card field). */
export function pathLabel(path: string, language = 'en'): string {
  return (isChinese(language) && ZH_FIELD_NAMES[last(path)]) || humanize(path);
}

/** An entity's name (`customer`) or plural (`customers`) in `language`. */
export function entityLabel(name: string, language = 'en'): string {
  return (isChinese(language) && ZH_ENTITY_NAMES[name]) || humanize(name);
}
