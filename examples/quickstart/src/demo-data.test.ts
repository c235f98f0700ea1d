import { memoryStore, SYSTEM_ACTOR } from '@rapport/core';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { composeQuickstart } from './compose.js';
import { seedDemoData } from './demo-data.js';

describe('quickstart', () => {
  it('boots every plugin and seeds demo data once, deterministically', async () => {
    const store = memoryStore();
    const kernel = await composeQuickstart(store, pino({ level: 'silent' }));
    await kernel.start();
    expect(await seedDemoData(kernel, 12)).toBe(12);
    expect(await seedDemoData(kernel, 12)).toBe(0);
    const people = kernel.data('person', { actor: SYSTEM_ACTOR });
    expect(await people.count()).toBe(12);
    expect(await kernel.data('greeting', { actor: SYSTEM_ACTOR }).count()).toBe(12);
    expect(await people.count({ email: { exists: false } })).toBe(3);
    await kernel.stop();
  });
});
