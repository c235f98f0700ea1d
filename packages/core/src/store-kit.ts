/**
 * `@rapport/core/store-kit`: what a store adapter is built from. The contract (`DataStore`,
 * `StoreTx`, the normalized queries and `StoreError`), the reference evaluation of queries over
 * records in memory (find with keyset cursors, count, aggregate, where matching and sorting,
 * which an adapter without query pushdown uses as is and one with pushdown is tested against),
 * the shared version check, and the memory store. Integrators and plugin authors need none of
 * it; `@rapport/testing`'s `describeStoreConformance` checks an adapter built with it.
 *
 * @example
 * ```ts
 * import { type DataStore, findInMemory, StoreError, versionCheckError } from '@rapport/core/store-kit';
 * ```
 */

export { withSystemFields } from './entities/system-fields.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { compareBySort, compareValues, sortValues } from './query/compare.js';
export { decodeCursor, encodeCursor } from './query/cursor.js';
export { getPath, type PathReader, pathReader } from './query/field-path.js';
export { findInMemory } from './query/find-top.js';
export { aggregateInMemory, countInMemory } from './query/in-memory.js';
export { matchesWhere } from './query/match.js';
export { normalizeSort, normalizeWhere } from './query/normalize.js';
export type {
  JsonValue,
  SortKey,
  StoreAggregateQuery,
  StoreFindQuery,
  WhereNode,
} from './query/types.js';
export { createMemoryVolume, type MemoryVolume, memoryStore } from './store/memory-store.js';
export type {
  CollectionSpec,
  DataStore,
  IndexSpec,
  StoreCapabilities,
  StoredRecord,
  StoreSchema,
  StoreTx,
} from './store/types.js';
export { versionCheckError } from './store/version-check.js';
export { canonicalJson, isPlainObject, setOwn } from './util/json-object.js';
