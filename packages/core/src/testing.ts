/**
 * `@rapport/core/testing`: a kernel for tests — memory store, manual clock, silent logger, no
 * timers — with helpers to act as someone, move time and deliver events. `@rapport/testing`
 * re-exports it beside the store conformance suite and the test server; use that one.
 */
export { createTestKernel, type TestKernel, type TestKernelOptions } from './testing/test-kernel.js';
