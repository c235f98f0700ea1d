import type { FieldType } from '@rapport/core';

/** A converted cell, or why it could not be converted. */
export type CellResult = { ok: true; value: unknown } | { ok: false; message: string; rule: string };

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * Converts a CSV cell to the JSON type its field has in the entity schema: `integer` and `number`
 * cells are parsed as numbers, `boolean` cells accept true/false, yes/no, 1/0, `array` and
 * `object` cells hold JSON, `string` and untyped cells stay text. Surrounding spaces are trimmed
 * for every type but strings.
 *
 * @example
 * ```ts
 * convertCell('42', 'integer'); // { ok: true, value: 42 }
 * convertCell('4.5', 'integer'); // { ok: false, rule: 'type', message: 'must be an integer (got "4.5")' }
 * ```
 */
export function convertCell(raw: string, type: FieldType): CellResult {
  if (type === 'string' || type === 'unknown') return { ok: true, value: raw };
  const text = raw.trim();
  switch (type) {
    case 'integer': {
      const value = Number(text);
      if (!INTEGER.test(text) || !Number.isSafeInteger(value)) {
        return { ok: false, rule: 'type', message: `must be an integer (got ${quote(raw)})` };
      }
      return { ok: true, value };
    }
    case 'number': {
      const value = Number(text);
      if (!NUMBER.test(text) || !Number.isFinite(value)) {
        return { ok: false, rule: 'type', message: `must be a number (got ${quote(raw)})` };
      }
      return { ok: true, value };
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return { ok: true, value: true };
      if (FALSE.has(lower)) return { ok: true, value: false };
      return { ok: false, rule: 'type', message: `must be true or false (got ${quote(raw)})` };
    }
    case 'array':
    case 'object': {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return { ok: false, rule: 'json', message: `must be a JSON ${type} (got ${quote(raw)})` };
      }
      const isArray = Array.isArray(value);
      const fits = type === 'array' ? isArray : typeof value === 'object' && value !== null && !isArray;
      return fits
        ? { ok: true, value }
        : { ok: false, rule: 'type', message: `must be a JSON ${type} (got ${quote(raw)})` };
    }
  }
}
