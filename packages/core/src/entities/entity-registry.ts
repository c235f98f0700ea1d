import type { BootFailure } from '../errors.js';
import type { CollectionSpec, IndexSpec } from '../store/types.js';
import { type EntityDefinition, type EntityExtension, kebabCase, toIndexSpecs } from './define-entity.js';
import type { JsonSchema, JsonSchemaObject } from './json-schema.js';
import type { SchemaCheck } from './schema-validator.js';
import { isSystemField, withSystemFields } from './system-fields.js';

/** An entity after boot: merged schema, compiled validator, owner and extenders. */
export interface CompiledEntity {
  name: string;
  plural: string;
  /** REST path segment: kebab-case plural. */
  path: string;
  /** The plugin that defined it. */
  owner: string;
  /** Plugins that extended it, in boot order. */
  extendedBy: string[];
  /** The entity's own properties after extensions (what callers write). */
  inputSchema: JsonSchemaObject;
  /** The stored record: own properties plus system fields. */
  schema: JsonSchemaObject;
  collection: CollectionSpec;
  /** Validates a full stored record. */
  check: SchemaCheck;
  search: string[];
  description?: string;
  /** Whether the generic REST routes and API docs include it. */
  exposed: boolean;
  /** Top-level fields marked `writeOnly: true` (secrets, hashes): the audit trail never shows their values. */
  secretFields: ReadonlySet<string>;
  /**
   * Top-level fields marked `readOnly: true` (computed by plugins), with their schema default:
   * only the system writes them; others may send the default on create or the current value back.
   */
  readOnlyFields: ReadonlyMap<string, unknown>;
}

interface PendingEntity {
  definition: EntityDefinition<unknown>;
  owner: string;
  properties: Record<string, JsonSchema>;
  /** Which plugin contributed each property. */
  propertyOwner: Map<string, string>;
  required: Set<string>;
  indexes: IndexSpec[];
  extendedBy: string[];
}

/** Collects entity declarations during `register` and compiles them once at boot. */
export class EntityRegistry {
  readonly #pending = new Map<string, PendingEntity>();
  readonly #plurals = new Map<string, string>();
  readonly #failures: BootFailure[];
  readonly #dependsOn: (plugin: string, on: string) => boolean;

  constructor(failures: BootFailure[], dependsOn: (plugin: string, on: string) => boolean) {
    this.#failures = failures;
    this.#dependsOn = dependsOn;
  }

  /** Declares an entity owned by `plugin`. */
  define(plugin: string, definition: EntityDefinition<unknown>): void {
    const existing = this.#pending.get(definition.name);
    if (existing) {
      this.#fail(plugin, `entity '${definition.name}' is already defined by plugin '${existing.owner}'`);
      return;
    }
    const pluralOwner = this.#plurals.get(definition.plural);
    if (pluralOwner) {
      this.#fail(plugin, `entity plural '${definition.plural}' is already used by entity '${pluralOwner}'`);
      return;
    }
    const properties = { ...definition.schema.properties };
    for (const field of Object.keys(properties)) {
      if (isSystemField(field)) {
        this.#fail(plugin, `entity '${definition.name}' may not declare system field '${field}'`);
        return;
      }
    }
    this.#plurals.set(definition.plural, definition.name);
    this.#pending.set(definition.name, {
      definition,
      owner: plugin,
      properties,
      propertyOwner: new Map(Object.keys(properties).map((key) => [key, plugin])),
      required: new Set(definition.schema.required ?? []),
      indexes: toIndexSpecs(definition.indexes),
      extendedBy: [],
    });
  }

  /**
   * Adds properties and indexes to an entity of a plugin that `plugin` depends on (an installed
   * optional dependency counts); a clash is a boot error naming both plugins.
   */
  extend(plugin: string, entity: string, extension: EntityExtension): void {
    const target = this.#pending.get(entity);
    if (!target) {
      this.#fail(
        plugin,
        `cannot extend unknown entity '${entity}' (is its plugin installed and listed in dependsOn or optionalDependsOn?)`,
      );
      return;
    }
    if (target.owner !== plugin && !this.#dependsOn(plugin, target.owner)) {
      this.#fail(plugin, `extends entity '${entity}' of plugin '${target.owner}' but does not depend on it`);
      return;
    }
    for (const [field, schema] of Object.entries(extension.properties ?? {})) {
      const holder = target.propertyOwner.get(field);
      if (isSystemField(field)) {
        this.#fail(plugin, `cannot add system field '${field}' to entity '${entity}'`);
      } else if (holder !== undefined) {
        this.#fail(plugin, `cannot add '${entity}.${field}': plugin '${holder}' already defines it`);
      } else {
        target.properties[field] = schema;
        target.propertyOwner.set(field, plugin);
      }
    }
    for (const field of extension.required ?? []) target.required.add(field);
    target.indexes.push(...toIndexSpecs(extension.indexes));
    target.extendedBy.push(plugin);
  }

  /** Whether an entity of that name has been declared (so far). */
  has(entity: string): boolean {
    return this.#pending.has(entity);
  }

  /** Merges and compiles every entity; failures are recorded, not thrown. */
  compile(compileSchema: (schema: JsonSchema) => SchemaCheck): Map<string, CompiledEntity> {
    const compiled = new Map<string, CompiledEntity>();
    for (const [name, pending] of this.#pending) {
      const { definition } = pending;
      const inputSchema: JsonSchemaObject = {
        ...definition.schema,
        properties: pending.properties,
        required: [...pending.required],
        additionalProperties: false,
      };
      const schema = withSystemFields(inputSchema);
      try {
        const check = compileSchema(schema);
        compiled.set(name, {
          name,
          plural: definition.plural,
          path: kebabCase(definition.plural),
          owner: pending.owner,
          extendedBy: pending.extendedBy,
          inputSchema,
          schema,
          collection: {
            name,
            schema,
            indexes: pending.indexes,
            ...(definition.history ? { history: true } : {}),
          },
          check,
          search: definition.search ?? [],
          exposed: definition.exposed ?? true,
          secretFields: new Set(
            Object.entries(pending.properties)
              .filter(([, property]) => property.writeOnly === true)
              .map(([field]) => field),
          ),
          readOnlyFields: new Map(
            Object.entries(pending.properties)
              .filter(([, property]) => property.readOnly === true)
              .map(([field, property]) => [field, property.default]),
          ),
          ...(definition.description === undefined ? {} : { description: definition.description }),
        });
      } catch (cause) {
        const plugins = [pending.owner, ...pending.extendedBy].join(', ');
        this.#failures.push({
          plugin: pending.owner,
          phase: 'compile',
          message: `schema of entity '${name}' (from ${plugins}) does not compile: ${(cause as Error).message}`,
          cause,
        });
      }
    }
    return compiled;
  }

  #fail(plugin: string, message: string): void {
    this.#failures.push({ plugin, phase: 'register', message });
  }
}
