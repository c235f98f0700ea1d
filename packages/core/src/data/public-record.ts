import type { CompiledEntity } from '../entities/entity-registry.js';

/**
 * A record without its `writeOnly` fields (password and key hashes), for what leaves the write
 * path: the generic `entity.*` events, which any plugin may subscribe to and forward. The record
 * itself is returned when the entity has no such field.
 */
export function withoutSecretFields<R extends Record<string, unknown>>(entity: CompiledEntity, record: R): R {
  if (entity.secretFields.size === 0) return record;
  const shown: Record<string, unknown> = {};
  for (const field in record) if (!entity.secretFields.has(field)) shown[field] = record[field];
  return shown as R;
}
