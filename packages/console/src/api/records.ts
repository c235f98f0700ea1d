import type { Where } from '@rapport/core';
import type { ConsoleEntity } from './model.js';

/** A stored record: system fields and the entity's own. */
export interface EntityRecord {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  [field: string]: unknown;
}

/** A page of a list (`GET /api/<plural>`). */
export interface RecordPage {
  items: EntityRecord[];
  nextCursor?: string | null;
}

/** A list query in the API's query language. */
export interface ListQuery {
  where?: Where;
  sort?: readonly string[];
  limit?: number;
  cursor?: string;
  fields?: readonly string[];
}

/** The URL of a list query of `entity`: `where` as JSON, `sort` and `fields` comma-separated. */
export function listUrl(entity: Pick<ConsoleEntity, 'path'>, query: ListQuery): string {
  const params = new URLSearchParams();
  if (query.where && Object.keys(query.where).length > 0) params.set('where', JSON.stringify(query.where));
  if (query.sort && query.sort.length > 0) params.set('sort', query.sort.join(','));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.fields && query.fields.length > 0) params.set('fields', query.fields.join(','));
  const text = params.toString();
  return `/api/${entity.path}${text ? `?${text}` : ''}`;
}

/** The URL counting `entity`'s records that match `where`. */
export function countUrl(entity: Pick<ConsoleEntity, 'path'>, where: Where | undefined): string {
  const params = new URLSearchParams({ 'measures[n]': 'count' });
  if (where && Object.keys(where).length > 0) params.set('where', JSON.stringify(where));
  return `/api/${entity.path}/aggregate?${params}`;
}

/** The URL of one record. */
export function recordUrl(entity: Pick<ConsoleEntity, 'path'>, id: string): string {
  return `/api/${entity.path}/${encodeURIComponent(id)}`;
}

/** Joins filters with `and`, leaving out empty ones. */
export function allOf(...filters: Array<Where | undefined>): Where | undefined {
  const present = filters.filter((where): where is Where => !!where && Object.keys(where).length > 0);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return { and: present };
}

/** Replaces `$me` in a view's fixed filter with the caller's id. */
export function withCaller(where: Where | undefined, userId: string | undefined): Where | undefined {
  if (!where) return undefined;
  const text = JSON.stringify(where);
  if (!text.includes('"$me"')) return where;
  return JSON.parse(text.replaceAll('"$me"', JSON.stringify(userId ?? ''))) as Where;
}
