import type { Actor, Kernel } from '@rapport/core';
import { createApiKey, listApiKeys, revokeApiKey } from '@rapport/server';
import type { ApiClient } from '../remote/api-client.js';

/** An API key as listed: never its hash or secret. */
export interface KeyView {
  id: string;
  keyId: string;
  name: string;
  roles: string[];
  attributes?: Record<string, string | number | boolean>;
  /** The user the key acts as. */
  userId?: string;
  revokedAt?: string;
  createdBy?: string;
  createdAt: string;
}

/** What to create. */
export interface NewKey {
  name: string;
  roles: string[];
  attributes?: Record<string, string>;
  /** The user (id or e-mail address) the key acts as. */
  userId?: string;
}

/** Key administration, directly on the store or through a server's admin routes. */
export interface KeyAdmin {
  /** Creates a key; the key itself is returned this once. */
  create(key: NewKey): Promise<{ key: string; record: KeyView }>;
  list(): Promise<KeyView[]>;
  /** Revokes by record id or key id. */
  revoke(idOrKeyId: string): Promise<KeyView>;
}

function view(record: Record<string, unknown>): KeyView {
  const { hash: _hash, updatedAt: _updatedAt, version: _version, ...rest } = record;
  return rest as unknown as KeyView;
}

/** Administers keys in the store of a started kernel, as `actor`. */
export function directKeyAdmin(kernel: Kernel, actor: Actor): KeyAdmin {
  return {
    async create(key) {
      const created = await createApiKey(kernel, { ...key, actor });
      return { key: created.key, record: view(created.record as unknown as Record<string, unknown>) };
    },
    async list() {
      return (await listApiKeys(kernel, actor)).map((k) => view(k as unknown as Record<string, unknown>));
    },
    async revoke(idOrKeyId) {
      return view((await revokeApiKey(kernel, idOrKeyId, actor)) as unknown as Record<string, unknown>);
    },
  };
}

/** Administers keys through `GET/POST /api/api-keys` and `DELETE /api/api-keys/:id` with an admin key. */
export function httpKeyAdmin(client: ApiClient): KeyAdmin {
  return {
    async create(key) {
      const { body } = await client.request<{ key: string; record: Record<string, unknown> }>(
        'POST',
        'api/api-keys',
        {
          body: key,
        },
      );
      return { key: body.key, record: view(body.record) };
    },
    async list() {
      const { body } = await client.request<{ items: Array<Record<string, unknown>> }>('GET', 'api/api-keys');
      return body.items.map(view);
    },
    async revoke(idOrKeyId) {
      const { body } = await client.request<Record<string, unknown>>(
        'DELETE',
        `api/api-keys/${encodeURIComponent(idOrKeyId)}`,
      );
      return view(body);
    },
  };
}
