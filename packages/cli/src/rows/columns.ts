import { type FieldType, fieldTypeAt, isSystemField, type JsonSchemaObject } from '@rapport/core';

/** One CSV column of an import: the field path it fills and the type its cells convert to. */
export interface ImportColumn {
  index: number;
  path: string;
  type: FieldType;
}

/** How a CSV header maps onto an entity. */
export interface ColumnPlan {
  columns: ImportColumn[];
  /** System columns (`id`, `createdAt`, ...) left out: the store assigns them. */
  ignored: string[];
  /** Problems that stop the import before any row is written (unknown or clashing columns). */
  problems: string[];
}

/**
 * The type of the field at `path` for import: the schema's type, or `unknown` (kept as text) under
 * an object that declares no such property but accepts any (`additionalProperties` not false).
 * `undefined` when the schema has no such field.
 */
export function columnType(schema: JsonSchemaObject, path: string): FieldType | undefined {
  const direct = fieldTypeAt(schema, path);
  if (direct !== undefined) return direct;
  const segments = path.split('.');
  for (let depth = segments.length - 1; depth >= 1; depth -= 1) {
    const prefix = segments.slice(0, depth).join('.');
    if (fieldTypeAt(schema, prefix) !== 'object') continue;
    let node: unknown = schema;
    for (const key of segments.slice(0, depth))
      node = (node as { properties?: Record<string, unknown> }).properties?.[key];
    const additional = (node as { additionalProperties?: unknown }).additionalProperties;
    return additional === false ? undefined : 'unknown';
  }
  return undefined;
}

/**
 * Maps a CSV header row onto an entity's input schema. Dotted headers (`amount.amount`) fill nested
 * objects; system columns are ignored; unknown, empty, repeated and overlapping columns
 * (`amount` next to `amount.amount`) are problems.
 */
export function planColumns(header: string[], inputSchema: JsonSchemaObject): ColumnPlan {
  const plan: ColumnPlan = { columns: [], ignored: [], problems: [] };
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const path = raw.trim();
    if (path === '') {
      plan.problems.push(`column ${index + 1} has an empty header`);
      return;
    }
    if (seen.has(path)) {
      plan.problems.push(`column '${path}' appears twice`);
      return;
    }
    seen.add(path);
    if (isSystemField(path)) {
      plan.ignored.push(path);
      return;
    }
    const type = columnType(inputSchema, path);
    if (type === undefined) {
      plan.problems.push(`column '${path}' is not a field of the entity`);
      return;
    }
    plan.columns.push({ index, path, type });
  });
  for (const column of plan.columns) {
    const clash = plan.columns.find((other) => other.path.startsWith(`${column.path}.`));
    if (clash) plan.problems.push(`columns '${column.path}' and '${clash.path}' both set '${column.path}'`);
  }
  return plan;
}

/**
 * The CSV columns of an export, from the stored schema: `id`, the entity's fields (objects that
 * declare properties are flattened to dotted paths, arrays and free-form objects are JSON cells),
 * then `createdAt`, `updatedAt`, `version`. Columns come from the schema, not the data, so a
 * streamed export knows them up front and an empty field still has its column.
 */
export function exportColumns(schema: JsonSchemaObject): string[] {
  const columns: string[] = [];
  const walk = (node: unknown, prefix: string): void => {
    const properties = (node as { properties?: Record<string, unknown> }).properties ?? {};
    for (const [key, child] of Object.entries(properties)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (!prefix && isSystemField(key)) continue;
      const childProperties = (child as { properties?: Record<string, unknown> } | undefined)?.properties;
      if (
        fieldTypeAt(schema, path) === 'object' &&
        childProperties &&
        Object.keys(childProperties).length > 0
      ) {
        walk(child, path);
      } else {
        columns.push(path);
      }
    }
  };
  walk(schema, '');
  return ['id', ...columns, 'createdAt', 'updatedAt', 'version'];
}
