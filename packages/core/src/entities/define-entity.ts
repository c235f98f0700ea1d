import type { IndexSpec } from '../store/types.js';
import type { JsonSchema, JsonSchemaObject } from './json-schema.js';

/** System fields every stored record carries; callers never set them. */
export interface SystemFields {
  /** UUIDv7. */
  id: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** ISO 8601 UTC. */
  updatedAt: string;
  /** Starts at 1, +1 per write; the optimistic-concurrency token (HTTP `ETag`). */
  version: number;
}

/** A stored record of an entity whose own properties are `T`. */
export type EntityRecord<T> = T & SystemFields;

/** The declaration of an entity. */
export interface EntityDefinition<T = Record<string, unknown>> {
  /** camelCase singular: `deal`, `serviceTicket`. */
  name: string;
  /** camelCase plural; REST paths use its kebab-case form (`service-tickets`). */
  plural: string;
  /** JSON Schema (draft 2020-12) of the entity's own properties; system fields are added. */
  schema: JsonSchemaObject;
  /** Field paths to index (each entry one index). */
  indexes?: Array<string | string[] | IndexSpec>;
  /** Field paths a free-text search should look in. */
  search?: string[];
  /** A sentence for API docs. */
  description?: string;
  /**
   * `false` keeps the entity off the generic REST routes and API docs (secrets such as API key
   * hashes); it stays reachable through the data API with the right permission. Default `true`.
   */
  exposed?: boolean;
  /**
   * `true` for append-only history that is rarely read (messages, ledger entries): the store may
   * keep its records on disk rather than in memory and read them on demand (see
   * `CollectionSpec.history`). Default `false`.
   */
  history?: boolean;
  /** Phantom: carries `T` for typed repositories. */
  readonly __type?: T;
}

/**
 * An extension another plugin adds to an entity it depends on: new properties (never a change to
 * an existing one), fields they make required, and indexes (over any field, a unique one too).
 */
export interface EntityExtension {
  properties?: Record<string, JsonSchema>;
  required?: string[];
  indexes?: Array<string | string[] | IndexSpec>;
}

const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;

/**
 * Declares an entity; pass the result to `ctx.entities.define` in a plugin's `register`.
 *
 * @example
 * ```ts
 * export const Deal = defineEntity<Deal>({
 *   name: 'deal', plural: 'deals',
 *   schema: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] },
 *   indexes: ['stage'],
 * });
 * ```
 */
export function defineEntity<T = Record<string, unknown>>(
  definition: EntityDefinition<T>,
): EntityDefinition<T> {
  for (const key of ['name', 'plural'] as const) {
    if (!CAMEL_CASE.test(definition[key])) {
      throw new TypeError(`defineEntity: ${key} '${definition[key]}' must be camelCase (letters and digits)`);
    }
  }
  if (definition.schema?.type !== 'object' || typeof definition.schema.properties !== 'object') {
    throw new TypeError(
      `defineEntity(${definition.name}): schema must be { type: 'object', properties: {...} }`,
    );
  }
  return Object.freeze({ ...definition });
}

/** Turns the shorthand index forms into {@link IndexSpec}s. */
export function toIndexSpecs(indexes: EntityDefinition['indexes']): IndexSpec[] {
  return (indexes ?? []).map((index) =>
    typeof index === 'string' ? { fields: [index] } : Array.isArray(index) ? { fields: index } : index,
  );
}

/** `serviceTickets` → `service-tickets`: the REST path segment of an entity. */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
