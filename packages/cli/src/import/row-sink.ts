import type { Actor, Kernel } from '@rapport/core';
import type { EntityInfo } from '../entities/entity-info.js';
import type { ApiClient } from '../remote/api-client.js';

/** Where imported records go: one call per row, each its own transaction. */
export interface RowSink {
  create(record: Record<string, unknown>): Promise<void>;
}

/** Creates records through the kernel's data API (validation, hooks, audit, events: one transaction per row). */
export function kernelSink(kernel: Kernel, entity: EntityInfo, actor: Actor): RowSink {
  const repository = kernel.data(entity.name, { actor });
  return {
    async create(record) {
      await repository.create(record);
    },
  };
}

/** Creates records by `POST /api/<path>` on a running server, as the key's actor (its rules apply). */
export function httpSink(client: ApiClient, entity: EntityInfo): RowSink {
  return {
    async create(record) {
      await client.request('POST', `api/${entity.path}`, { body: record });
    },
  };
}
