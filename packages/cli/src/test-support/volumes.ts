import { createMemoryVolume, type MemoryVolume } from '@rapport/core';

const KEY = Symbol.for('rapport.cli.test.volumes');

/**
 * A named memory volume shared by everything in the test process: the test file (loaded by
 * vitest) and the `rapport.config.ts` files (loaded by jiti) are separate module instances, so
 * the registry lives on `globalThis`. Test-only: production code never looks here.
 */
export function testVolume(name: string): MemoryVolume {
  const holder = globalThis as { [KEY]?: Map<string, MemoryVolume> };
  holder[KEY] ??= new Map();
  let volume = holder[KEY].get(name);
  if (!volume) {
    volume = createMemoryVolume();
    holder[KEY].set(name, volume);
  }
  return volume;
}
