import type { JsonSchema, MenuEntry, MetricInfo, ViewDefinition } from '@rapport/core';
import { useQuery } from '@tanstack/react-query';
import { api } from './http.js';

/** An entity as `GET /api/console/model` describes it to the caller. */
export interface ConsoleEntity {
  name: string;
  plural: string;
  /** REST path segment (`/api/<path>`). */
  path: string;
  description?: string;
  /** The stored record's schema without `writeOnly` fields and fields the caller's roles hide. */
  schema: JsonSchema;
  /** Top-level fields only plugins write. */
  readOnly: string[];
  /** Fields (dotted paths) the caller's roles keep it from changing: forms show them disabled. */
  locked?: string[];
  /** Fields the search box looks in. */
  search: string[];
  /** Fields with a store index. */
  indexed: string[];
  can: { create: boolean; update: boolean; delete: boolean };
}

/** What the console builds its pages from (`GET /api/console/model`). */
export interface ConsoleModel {
  entities: ConsoleEntity[];
  views: ViewDefinition[];
  menu: MenuEntry[];
  metrics: MetricInfo[];
}

/** The query key of the console model. */
export const MODEL_KEY = ['console-model'] as const;

/** How the console model is fetched and cached: shared by {@link useConsoleModel} and the prefetch. */
export const MODEL_QUERY = {
  queryKey: MODEL_KEY,
  queryFn: async ({ signal }: { signal: AbortSignal }) =>
    (await api<ConsoleModel>('/api/console/model', { signal })).data,
  staleTime: 5 * 60_000,
};

/** The console model of the signed-in caller. */
export function useConsoleModel() {
  return useQuery(MODEL_QUERY);
}

/** The entity of `model` at REST path `path` (`customers`), if the caller may read it. */
export function entityAt(model: ConsoleModel, path: string): ConsoleEntity | undefined {
  return model.entities.find((entity) => entity.path === path);
}

/** The entity named `name` (`customer`). */
export function entityNamed(model: ConsoleModel, name: string): ConsoleEntity | undefined {
  return model.entities.find((entity) => entity.name === name);
}

/** The declared view with `id`. */
export function viewById(model: ConsoleModel, id: string): ViewDefinition | undefined {
  return model.views.find((view) => view.id === id);
}
