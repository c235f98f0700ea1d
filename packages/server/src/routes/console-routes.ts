import { type Actor, type CompiledEntity, type JsonSchema, type Kernel, schemaFor } from '@rapport/core';
import { Hono } from 'hono';
import type { RapportEnv } from '../http/env.js';

/** An entity as the console sees it: its schema (without secrets) and what the caller may do. */
export interface ConsoleEntity {
  name: string;
  plural: string;
  /** REST path segment (`/api/<path>`). */
  path: string;
  description?: string;
  /**
   * The stored record's schema, `writeOnly` fields and fields the caller's roles hide left out;
   * fields they make read-only marked `readOnly: true`.
   */
  schema: JsonSchema;
  /** Top-level fields only plugins write (shown, never edited). */
  readOnly: string[];
  /**
   * Fields (dotted paths) the caller's roles keep it from changing though others may: forms
   * show them disabled.
   */
  locked: string[];
  /** Fields the search box looks in (none the caller's roles hide). */
  search: string[];
  /** Fields with a store index: filters and sorts on them stay fast on large lists. */
  indexed: string[];
  /** What the caller may do with its records. */
  can: { create: boolean; update: boolean; delete: boolean };
}

/** What `GET /api/console/model` answers. */
export interface ConsoleModel {
  entities: ConsoleEntity[];
  views: ReturnType<Kernel['views']['visibleTo']>['views'];
  menu: ReturnType<Kernel['views']['visibleTo']>['menu'];
  metrics: ReturnType<Kernel['metrics']['list']>;
}

function withoutSecrets(schema: JsonSchema): JsonSchema {
  const properties = schema.properties ?? {};
  const kept = Object.fromEntries(
    Object.entries(properties).filter(([, property]) => property.writeOnly !== true),
  );
  return { ...schema, properties: kept };
}

function consoleEntity(kernel: Kernel, actor: Actor, entity: CompiledEntity): ConsoleEntity {
  const can = (action: string) => kernel.access.can(actor, entity.name, action);
  const policy = kernel.access.fieldsFor(actor, entity.name);
  const shown = (path: string) => !policy?.reveals(path);
  return {
    name: entity.name,
    plural: entity.plural,
    path: entity.path,
    ...(entity.description ? { description: entity.description } : {}),
    schema: schemaFor(withoutSecrets(entity.schema), policy),
    readOnly: [...entity.readOnlyFields.keys()].filter(shown),
    locked: [...(policy?.readOnly ?? [])].filter((path) => !entity.readOnlyFields.has(path)),
    // A search, filter or sort on a hidden field is refused: the console never offers one.
    search: entity.search.filter(shown),
    indexed: [...new Set(entity.collection.indexes.flatMap((index) => index.fields.slice(0, 1)))].filter(
      shown,
    ),
    can: { create: can('create'), update: can('update'), delete: can('delete') },
  };
}

/**
 * `GET /api/console/model`: what the console builds its pages from, for the caller — the
 * exposed entities it may read (schemas without `writeOnly` fields, and what it may do with
 * them), the views and menu entries plugins declared that it may use, and the metrics it may
 * read. Any authenticated caller; the answer differs by permissions and field rules (hidden
 * fields left out, read-only ones `locked`), never the data behind it.
 */
export function consoleRoutes(): Hono<RapportEnv> {
  const app = new Hono<RapportEnv>();
  app.get('/model', (c) => {
    const kernel = c.get('kernel');
    const actor = c.get('actor');
    const entities = [...kernel.entities.values()]
      .filter((entity) => entity.exposed && kernel.access.can(actor, entity.name, 'read'))
      .map((entity) => consoleEntity(kernel, actor, entity));
    const { views, menu } = kernel.views.visibleTo(actor);
    const metrics = kernel.access.can(actor, 'metric', 'read') ? kernel.metrics.list() : [];
    const model: ConsoleModel = { entities, views, menu, metrics };
    return c.json(model);
  });
  return app;
}
