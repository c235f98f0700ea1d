import type { Actor, Kernel, Where } from '@rapport/core';
import type { EntityInfo } from '../entities/entity-info.js';
import type { ApiClient } from '../remote/api-client.js';

type Row = Record<string, unknown>;

/** Records to export, read page by page with the cursor (keyset: stable under concurrent writes). */
export interface RecordSource {
  /** How many records match (for the progress bar); `undefined` when it cannot be told. */
  count(): Promise<number | undefined>;
  pages(): AsyncIterable<Row[]>;
}

/** Pages through the kernel's data API as `actor` (the CLI's system actor in direct mode). */
export function kernelSource(
  kernel: Kernel,
  entity: EntityInfo,
  actor: Actor,
  where: Where | undefined,
  pageSize: number,
): RecordSource {
  const repository = kernel.data(entity.name, { actor });
  return {
    count: () => repository.count(where),
    async *pages() {
      let cursor: string | undefined;
      do {
        const page = await repository.find({
          ...(where ? { where } : {}),
          limit: pageSize,
          ...(cursor ? { cursor } : {}),
        });
        yield page.items as Row[];
        cursor = page.nextCursor;
      } while (cursor);
    },
  };
}

/**
 * Pages through `GET /api/<path>` of a running server with an API key: the key's permissions and
 * record rules apply, so an export never holds a record the key could not read.
 */
export function httpSource(
  client: ApiClient,
  entity: EntityInfo,
  where: Where | undefined,
  pageSize: number,
): RecordSource {
  const whereParam = where ? JSON.stringify(where) : undefined;
  return {
    async count() {
      try {
        const { body } = await client.request<{ rows?: Array<{ n?: number }> }>(
          'GET',
          `api/${entity.path}/aggregate`,
          {
            query: { 'measures[n]': 'count', where: whereParam },
          },
        );
        const n = body.rows?.[0]?.n;
        return typeof n === 'number' ? n : undefined;
      } catch {
        return undefined;
      }
    },
    async *pages() {
      let cursor: string | undefined;
      do {
        const { body } = await client.request<{ items: Row[]; nextCursor?: string }>(
          'GET',
          `api/${entity.path}`,
          {
            query: { where: whereParam, limit: String(pageSize), cursor },
          },
        );
        yield body.items;
        cursor = body.nextCursor;
      } while (cursor);
    },
  };
}
