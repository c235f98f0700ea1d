import type { JsonSchema } from '@rapport/core';
import { currencyPathOf, referencedEntity } from '@rapport/core/schema-annotations';

/** How a field is shown and edited, from its JSON Schema. */
export type FieldKind =
  | 'text'
  | 'longText'
  | 'email'
  | 'phone'
  | 'url'
  | 'enum'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'money'
  | 'date'
  | 'dateTime'
  | 'ref'
  | 'object'
  | 'array'
  | 'json';

/** One field of a form or a record page, with what its schema says. */
export interface FieldSpec {
  /** Dotted path from the record's root (`objective.city`, `tags`). */
  path: string;
  /** The last step of the path. */
  name: string;
  kind: FieldKind;
  schema: JsonSchema;
  required: boolean;
  /** Written only by the system or a plugin: shown, never edited. */
  readOnly: boolean;
  /**
   * The caller's roles keep it from changing this field, though others may (so it is also
   * `readOnly`): forms show it disabled, with its value.
   */
  locked?: boolean;
  /** The values of an enum. */
  options?: string[];
  /** The fields of a nested object. */
  children?: FieldSpec[];
  /** The item of an array. */
  item?: FieldSpec;
  /** The entity a reference points at (`customerId` → `customer`). */
  refEntity?: string;
  /** For an integer amount of minor units: the path of its currency in the same record. */
  currencyPath?: string;
}

/** The system fields every record has; never edited. */
export const SYSTEM_FIELDS = ['id', 'createdAt', 'updatedAt', 'version'] as const;

const SYSTEM = new Set<string>(SYSTEM_FIELDS);

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? undefined : schema.type;
}

/** The kind of a field named `name` with `schema`; `entities` are the names a reference may point at. */
export function kindOf(name: string, schema: JsonSchema, entities: ReadonlySet<string>): FieldKind {
  const type = typeOf(schema);
  if (Array.isArray(schema.type)) return 'json';
  if (schema.enum) return 'enum';
  switch (type) {
    case 'string':
      if (schema.format === 'date') return 'date';
      if (schema.format === 'date-time') return 'dateTime';
      if (schema.format === 'uri') return 'url';
      if (/email$/i.test(name)) return 'email';
      if (/phone$/i.test(name)) return 'phone';
      if (referencedEntity(name, schema, entities)) return 'ref';
      return typeof schema.maxLength === 'number' && schema.maxLength > 300 ? 'longText' : 'text';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return schema.items ? 'array' : 'json';
    case 'object': {
      const properties = schema.properties ?? {};
      if (properties.amount && properties.currency && Object.keys(properties).length === 2) return 'money';
      return Object.keys(properties).length > 0 ? 'object' : 'json';
    }
    default:
      return 'json';
  }
}

/** Fields that hold a person: owners, assignees and authors are user ids. */
export const PERSON_FIELDS: ReadonlySet<string> = new Set([
  'ownerId',
  'assigneeId',
  'byId',
  'actorId',
  'authorId',
]);

/** Options of {@link fieldsOf}. */
export interface FieldsOptions {
  /** Top-level fields that are read-only although their schema does not say so. */
  readOnly?: readonly string[];
  /** Fields (dotted paths) the caller's roles keep it from changing: read-only, shown disabled. */
  locked?: readonly string[];
  /** Names of the entities references may point at. */
  entities?: ReadonlySet<string>;
  /** Leave out the system fields (forms do; record pages show them). */
  withoutSystem?: boolean;
}

/** What every field of one schema is read against. */
interface SpecContext {
  entities: ReadonlySet<string>;
  locked: ReadonlySet<string>;
}

function specOf(
  path: string,
  name: string,
  schema: JsonSchema,
  required: boolean,
  readOnly: boolean,
  context: SpecContext,
  parentLocked = false,
): FieldSpec {
  const { entities } = context;
  const kind = kindOf(name, schema, entities);
  const locked = parentLocked || context.locked.has(path);
  const spec: FieldSpec = {
    path,
    name,
    kind,
    schema,
    required,
    readOnly: readOnly || locked || schema.readOnly === true,
    ...(locked ? { locked } : {}),
  };
  const currencyPath = kind === 'integer' ? currencyPathOf(schema) : undefined;
  if (currencyPath) spec.currencyPath = currencyPath;
  if (kind === 'enum') spec.options = (schema.enum ?? []).map(String);
  if (kind === 'ref') {
    const target = referencedEntity(name, schema, entities);
    if (target) spec.refEntity = target;
  }
  if (kind === 'object') spec.children = childrenOf(path, schema, spec.readOnly, context, locked);
  if (kind === 'array' && schema.items) {
    const itemName = name.replace(/s$/, '');
    spec.item = specOf(`${path}.*`, itemName, schema.items, false, spec.readOnly, context, locked);
  }
  return spec;
}

function childrenOf(
  prefix: string,
  schema: JsonSchema,
  readOnly: boolean,
  context: SpecContext,
  locked: boolean,
): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, child]) =>
    specOf(prefix ? `${prefix}.${name}` : name, name, child, required.has(name), readOnly, context, locked),
  );
}

/**
 * The fields of an entity's schema, in schema order: each with its kind, whether it is required
 * and read-only, and its nested fields (objects) or item (arrays).
 */
export function fieldsOf(schema: JsonSchema, options: FieldsOptions = {}): FieldSpec[] {
  const readOnly = new Set(options.readOnly ?? []);
  const context = { entities: options.entities ?? new Set<string>(), locked: new Set(options.locked ?? []) };
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([name]) => !(options.withoutSystem && SYSTEM.has(name)))
    .map(([name, child]) =>
      specOf(name, name, child, required.has(name), readOnly.has(name) || SYSTEM.has(name), context),
    );
}

/** The field at a dotted path of `fields` (walking into objects), if there is one. */
export function fieldAt(fields: readonly FieldSpec[], path: string): FieldSpec | undefined {
  const [head, ...rest] = path.split('.');
  const field = fields.find((candidate) => candidate.name === head);
  if (!field || rest.length === 0) return field;
  return field.children ? fieldAt(field.children, rest.join('.')) : undefined;
}

/** Every scalar field (objects walked into, arrays and free JSON left out): what a list can show. */
export function scalarFields(fields: readonly FieldSpec[]): FieldSpec[] {
  return fields.flatMap((field) =>
    field.kind === 'object' ? scalarFields(field.children ?? []) : field.kind === 'json' ? [] : [field],
  );
}
