import type { JsonSchemaObject, Kernel } from '@rapport/core';
import { UsageError } from '../errors.js';

/** What import and export need to know of an entity, from a kernel or from a server's OpenAPI document. */
export interface EntityInfo {
  name: string;
  plural: string;
  /** REST path segment (`/api/<path>`). */
  path: string;
  /** What callers write: the entity's own properties. */
  inputSchema: JsonSchemaObject;
  /** The stored record: own properties plus system fields. */
  schema: JsonSchemaObject;
}

/** The exposed entities of a kernel (internal ones such as `apiKey` are never imported or exported). */
export function kernelEntities(kernel: Kernel): EntityInfo[] {
  return [...kernel.entities.values()]
    .filter((entity) => entity.exposed)
    .map(({ name, plural, path, inputSchema, schema }) => ({ name, plural, path, inputSchema, schema }));
}

/** Finds an entity by name (`person`), plural (`people`) or REST path; a usage error lists the known ones. */
export function findEntity(entities: EntityInfo[], wanted: string): EntityInfo {
  const found = entities.find((e) => e.name === wanted || e.plural === wanted || e.path === wanted);
  if (found) return found;
  const known = entities.map((e) => e.name).sort();
  throw new UsageError(
    `unknown entity '${wanted}'${known.length > 0 ? ` (known: ${known.join(', ')})` : ' (the deployment exposes no entities)'}`,
  );
}
