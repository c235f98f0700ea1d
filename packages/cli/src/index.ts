export { createProgram, runCli } from './cli.js';
export type { CommandContext } from './commands/context.js';
export {
  type ConfigInput,
  defineConfig,
  type RapportConfig,
  type ServerConfig,
  type StoreFactory,
} from './config/define-config.js';
export {
  CONFIG_FILE_NAMES,
  findConfigFile,
  type LoadConfigOptions,
  type LoadedConfig,
  loadConfig,
} from './config/load-config.js';
export { validateConfig } from './config/validate-config.js';
export { EXIT, formatError, UsageError } from './errors.js';
export type { CliIo, OutputStream } from './io.js';
export { type AdminKeyOutcome, ensureAdminKey } from './runtime/admin-key.js';
export { type AdminUserOutcome, DEFAULT_ADMIN_EMAIL, ensureAdminUser } from './runtime/admin-user.js';
export {
  type BootOptions,
  bootKernel,
  cliActor,
  composeKernel,
  createStore,
  pluginsOf,
  StoreOpenError,
} from './runtime/boot-kernel.js';
export { parseStoreSpec, type StoreSpec } from './stores/store-spec.js';
