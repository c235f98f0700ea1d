import { assertJsonTextDepth, fieldTypeAt, type JsonSchemaObject, ValidationError } from '@rapport/core';
import { parse } from 'csv-parse/sync';

/** The formats an import accepts. */
export type ImportFormat = 'csv' | 'json';

const TRUE = new Set(['true', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'no', '0', 'n']);

function invalid(message: string, path = ''): ValidationError {
  return new ValidationError(`invalid import: ${message}`, [{ path, rule: 'customers.import', message }]);
}

/**
 * Reads an import body into rows. JSON: an array of customer objects, or `{ "customers": [...] }`.
 * CSV: a header row of field paths (`name`, `kind`, `phone`, `objective.industry`,
 * `subjective.interests`, `tags`); each later row one customer. Values are typed by the customer
 * schema: integers and numbers parsed, booleans from true/false/yes/no/1/0, lists split on `;`
 * or `|`; empty cells are left out. An unknown column refuses the whole import (400), naming it.
 * A cell that cannot be typed is left as text so the row is refused with the schema's message.
 * JSON nesting deeper than `MAX_JSON_DEPTH` levels refuses the whole import (400, rule `maxDepth`)
 * before it is parsed.
 */
export function parseImport(body: string, format: ImportFormat, schema: JsonSchemaObject): unknown[] {
  if (format === 'json') {
    assertJsonTextDepth(body, { what: 'the import' });
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (cause) {
      throw invalid(`the body is not valid JSON: ${(cause as Error).message}`);
    }
    const rows = Array.isArray(value) ? value : (value as { customers?: unknown })?.customers;
    if (!Array.isArray(rows)) throw invalid('send an array of customers, or { "customers": [...] }');
    return rows;
  }
  let records: Record<string, string>[];
  try {
    records = parse(body, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
      string,
      string
    >[];
  } catch (cause) {
    throw invalid(`the CSV cannot be read: ${(cause as Error).message}`);
  }
  const header = records[0] ? Object.keys(records[0]) : [];
  const unknown = header.filter((column) => {
    const type = fieldTypeAt(schema, column);
    return type === undefined || type === 'object';
  });
  if (unknown.length > 0) {
    throw invalid(
      `unknown column(s): ${unknown.join(', ')} (use customer field paths such as objective.industry)`,
      unknown[0],
    );
  }
  return records.map((row) => csvRow(row, schema));
}

function csvRow(row: Record<string, string>, schema: JsonSchemaObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, text] of Object.entries(row)) {
    if (text === '') continue;
    const keys = column.split('.');
    let target = out;
    for (const key of keys.slice(0, -1)) {
      target[key] ??= {};
      target = target[key] as Record<string, unknown>;
    }
    target[keys[keys.length - 1] as string] = typed(text, fieldTypeAt(schema, column));
  }
  return out;
}

function typed(text: string, type: string | undefined): unknown {
  switch (type) {
    case 'integer':
    case 'number': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      return TRUE.has(lower) ? true : FALSE.has(lower) ? false : text;
    }
    case 'array':
      return text
        .split(/[;|]/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
    default:
      return text;
  }
}
