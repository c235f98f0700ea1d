export {
  type ConformanceOptions,
  describeStoreConformance,
  type StoreLocation,
} from './conformance/describe-store-conformance.js';
export {
  conformanceFixture,
  EXPLODE,
  type Item,
  ItemEntity,
  NoteEntity,
} from './conformance/fixture-plugin.js';
export { createTestKernel, type TestKernel, type TestKernelOptions } from './test-kernel.js';
