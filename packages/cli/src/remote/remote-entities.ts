import { type JsonSchemaObject, RapportError } from '@rapport/core';
import type { EntityInfo } from '../entities/entity-info.js';
import type { ApiClient } from './api-client.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function resolveRef(document: Json, schema: unknown): JsonSchemaObject | undefined {
  if (!isObject(schema)) return undefined;
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema as JsonSchemaObject;
  const name = ref.replace('#/components/schemas/', '');
  const found = (document.components as { schemas?: Json } | undefined)?.schemas?.[name];
  return isObject(found) ? (found as JsonSchemaObject) : undefined;
}

/**
 * The exposed entities of a running server, read from its `GET /openapi.json`: each entity's
 * name, plural, REST path and schemas, so HTTP-mode import and export need no config. The client
 * sends its key when it has one, so the schemas are the ones that key is shown (fields its roles
 * hide left out: an export has no column for them).
 */
export async function remoteEntities(client: ApiClient): Promise<EntityInfo[]> {
  const { body: document } = await client.request<Json>('GET', 'openapi.json');
  if (!isObject(document) || !isObject(document.paths)) {
    throw new RapportError('REMOTE_INVALID', `${client.baseUrl}openapi.json is not an OpenAPI document`);
  }
  const entities: EntityInfo[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const match = /^\/api\/([^/{}]+)$/.exec(path);
    if (!match || !isObject(item) || !isObject(item.post) || !isObject(item.get)) continue;
    const tags = item.post.tags;
    const list = item.get.operationId;
    const name = Array.isArray(tags) && typeof tags[0] === 'string' ? tags[0] : undefined;
    if (!name || typeof list !== 'string' || !list.startsWith('list')) continue;
    const content = (item.post.requestBody as { content?: Json } | undefined)?.content;
    const inputSchema = resolveRef(document, (content?.['application/json'] as Json | undefined)?.schema);
    const schema = resolveRef(document, {
      $ref: `#/components/schemas/${name.charAt(0).toUpperCase()}${name.slice(1)}`,
    });
    if (!inputSchema || !schema) continue;
    const plural = list.charAt(4).toLowerCase() + list.slice(5);
    entities.push({ name, plural, path: match[1] as string, inputSchema, schema });
  }
  return entities;
}
