export { createTestKernel, type TestKernel, type TestKernelOptions } from '@rapport/core/testing';
export {
  type ConformanceOptions,
  describeStoreConformance,
  type StoreLocation,
} from './conformance/describe-store-conformance.js';
export { describeUserSessions } from './conformance/describe-user-sessions.js';
export {
  conformanceFixture,
  EXPLODE,
  type Item,
  ItemEntity,
  NoteEntity,
  ONCE_PURPOSE,
} from './conformance/fixture-plugin.js';
export { type CrashWorkerRun, runCrashWorker } from './crash-worker.js';
export { type DocCodeBlock, type DocCodeBlockOptions, docCodeBlocks } from './doc-code-blocks.js';
export { eventLog, type SeenEvent } from './event-log.js';
export {
  type ExampleBodies,
  type ExampleBodiesOptions,
  ExampleBodyError,
  type ExampleEntity,
  exampleBodies,
} from './example-bodies/example-bodies.js';
export { ExampleValueError } from './example-bodies/example-value.js';
export { openApiLintErrors } from './openapi-lint.js';
export {
  createTestServer,
  type TestKey,
  type TestKeySpec,
  type TestServer,
  type TestServerOptions,
} from './test-server.js';
