import type { Where } from '@rapport/core';
import { valueAt } from '../schema/value-at.js';
import type { ConsoleEntity } from './model.js';
import type { EntityRecord } from './records.js';

const PHONE_LIKE = /^[+\d\s().\-/]{3,}$/;

/** The ways a person's text may be stored: as typed, lower case (e-mails), capitalised (names). */
function variants(text: string): string[] {
  const lower = text.toLowerCase();
  const capital = lower.replace(
    /(^|\s)(\p{L})/gu,
    (_, space: string, letter: string) => space + letter.toUpperCase(),
  );
  return [...new Set([text, lower, capital])];
}

/**
 * The filter that finds `text` in an entity's search fields: each field `contains` the text as
 * typed, in lower case or capitalised; a phone number typed with spaces, brackets or dashes is
 * also looked for as digits (with and without its leading 0).
 */
export function searchWhere(entity: Pick<ConsoleEntity, 'search'>, text: string): Where | undefined {
  const query = text.trim();
  if (query === '' || entity.search.length === 0) return undefined;
  const or: Where[] = [];
  for (const field of entity.search) {
    const isPhone = /phone/i.test(field);
    if (isPhone && PHONE_LIKE.test(query)) {
      const compact = query.replace(/[^\d+]/g, '');
      for (const value of new Set([compact, compact.replace(/^\+?0+/, '')])) {
        if (value.length >= 3) or.push({ [field]: { contains: value } });
      }
      continue;
    }
    for (const value of variants(query)) or.push({ [field]: { contains: value } });
  }
  return or.length > 0 ? { or } : undefined;
}

/** The text that names a record: its `name`, `title` or `subject`, else its first search field, else its id. */
export function recordLabel(entity: Pick<ConsoleEntity, 'search'> | undefined, record: EntityRecord): string {
  for (const field of ['name', 'title', 'subject', 'key', ...(entity?.search ?? [])]) {
    const value = valueAt(record, field);
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return record.id;
}
