export type { StoreFileHandle, StoreFs } from './fs/store-fs.js';
export { nodeFs } from './fs/store-fs.js';
export { type LowdbStore, lowdbStore } from './lowdb-store.js';
export {
  DEFAULT_COMPACT_AFTER_BYTES,
  DEFAULT_COMPACT_AFTER_ENTRIES,
  type LowdbStoreOptions,
  type LowdbStoreStats,
} from './options.js';
export type { StoreLogger } from './util/logger.js';
