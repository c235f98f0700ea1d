import type { Where } from '@rapport/core';
import type { FieldSpec } from '../schema/fields.js';
import { toMinor } from '../schema/values.js';

/** What a person set on one filter: a text, a choice, or a range. */
export interface FilterValue {
  text?: string;
  min?: string;
  max?: string;
}

/** The filters of a list, by field path. */
export type FilterState = Record<string, FilterValue>;

/** How a field is filtered, by its kind. */
export type FilterShape = 'contains' | 'equals' | 'choice' | 'boolean' | 'range' | 'dateRange';

/** The filter control a field gets: text contains, a choice of values, yes/no, or a range. */
export function filterShape(field: FieldSpec): FilterShape | undefined {
  switch (field.kind) {
    case 'text':
    case 'longText':
    case 'email':
    case 'phone':
    case 'url':
      return 'contains';
    case 'ref':
      return 'equals';
    case 'enum':
      return 'choice';
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'number':
    case 'money':
      return 'range';
    case 'date':
    case 'dateTime':
      return 'dateRange';
    case 'array':
      return field.item && ['text', 'enum'].includes(field.item.kind) ? 'equals' : undefined;
    default:
      return undefined;
  }
}

function number(text: string | undefined, field: FieldSpec): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  if (field.kind === 'money' || field.currencyPath) return toMinor(text, 'EUR');
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

function bound(text: string | undefined, field: FieldSpec, end: boolean): string | undefined {
  if (!text) return undefined;
  if (field.kind === 'date') return text;
  const instant = new Date(`${text}T00:00:00`);
  if (Number.isNaN(instant.getTime())) return undefined;
  if (end) instant.setDate(instant.getDate() + 1);
  return instant.toISOString();
}

/** The query-language filter of one field's filter value, or undefined when it is empty. */
export function filterWhere(field: FieldSpec, value: FilterValue): Where | undefined {
  const shape = filterShape(field);
  const text = value.text?.trim();
  switch (shape) {
    case 'contains':
      return text ? { [field.path]: { contains: text } } : undefined;
    case 'equals':
      return text ? { [field.path]: field.kind === 'array' ? { contains: text } : { eq: text } } : undefined;
    case 'choice':
      return text ? { [field.path]: { eq: text } } : undefined;
    case 'boolean':
      return text === 'true' || text === 'false' ? { [field.path]: { eq: text === 'true' } } : undefined;
    case 'range': {
      const path = field.kind === 'money' ? `${field.path}.amount` : field.path;
      const min = number(value.min, field);
      const max = number(value.max, field);
      if (min === undefined && max === undefined) return undefined;
      return {
        [path]: { ...(min !== undefined ? { gte: min } : {}), ...(max !== undefined ? { lte: max } : {}) },
      };
    }
    case 'dateRange': {
      const from = bound(value.min, field, false);
      const to = bound(value.max, field, true);
      if (!from && !to) return undefined;
      return {
        [field.path]: {
          ...(from ? { gte: from } : {}),
          ...(to ? (field.kind === 'date' ? { lte: to } : { lt: to }) : {}),
        },
      };
    }
    default:
      return undefined;
  }
}

/** The filter of every set filter of a list, joined with `and`. */
export function filtersWhere(fields: readonly FieldSpec[], state: FilterState): Where | undefined {
  const parts = Object.entries(state)
    .map(([path, value]) => {
      const field = fields.find((candidate) => candidate.path === path);
      return field ? filterWhere(field, value) : undefined;
    })
    .filter((where): where is Where => !!where);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { and: parts };
}
