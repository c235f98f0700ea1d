import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE } from '../entities/schema-blocks.js';
import { BootError } from '../errors.js';
import { memoryStore } from '../store/memory-store.js';
import { silent } from '../test-support/boot.js';
import { createKernel } from './create-kernel.js';

const boot = (maxLimit: number) =>
  createKernel({ store: memoryStore(), logger: silent, jobs: { timer: false }, query: { maxLimit } });

describe('the page size limit', () => {
  it(`takes a maxLimit up to ${MAX_PAGE_SIZE}, the largest page the API documents`, async () => {
    const kernel = await boot(MAX_PAGE_SIZE);
    await kernel.start();
    await kernel.stop();
  });

  it('refuses a larger or a malformed maxLimit at boot, naming it', async () => {
    for (const maxLimit of [MAX_PAGE_SIZE + 1, 0, 2.5]) {
      const error = await boot(maxLimit).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BootError);
      expect((error as Error).message).toContain(
        `query.maxLimit must be an integer from 1 to ${MAX_PAGE_SIZE}`,
      );
    }
  });
});
