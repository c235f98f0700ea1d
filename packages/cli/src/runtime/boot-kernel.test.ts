import { memoryStore } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { composeKernel } from './boot-kernel.js';

describe('composeKernel', () => {
  it('gives the kernel the config time zone, UTC without one', async () => {
    expect((await composeKernel({ store: () => memoryStore(), timeZone: 'America/New_York' })).timeZone).toBe(
      'America/New_York',
    );
    expect((await composeKernel({ store: () => memoryStore() })).timeZone).toBe('UTC');
  });
});
