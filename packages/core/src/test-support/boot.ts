import { pino } from 'pino';
import type { Actor } from '../access/actor.js';
import { defineEntity } from '../entities/define-entity.js';
import { createKernel } from '../kernel/create-kernel.js';
import type { Kernel, KernelConfig } from '../kernel/kernel-types.js';
import { definePlugin } from '../plugins/define-plugin.js';
import { memoryStore } from '../store/memory-store.js';
import { createManualClock, type ManualClock } from '../util/clock.js';

/** Silent logger for tests. */
export const silent = pino({ level: 'silent' });

/** An admin actor for tests. */
export const admin: Actor = { id: 'admin-1', kind: 'user', roles: ['admin'] };

/** A simple customer entity used across core tests. */
export const Customer = defineEntity<{
  name: string;
  email?: string;
  team?: string;
  score?: number;
  tags?: string[];
}>({
  name: 'customer',
  plural: 'customers',
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100 },
      email: { type: 'string', format: 'email' },
      team: { type: 'string' },
      score: { type: 'integer', minimum: 0, default: 0 },
      tags: { type: 'array', items: { type: 'string' } },
    },
    required: ['name'],
  },
  indexes: ['team'],
});

/** A plugin defining {@link Customer}. */
export const customersPlugin = definePlugin({
  id: 'customers',
  version: '1.0.0',
  register(ctx) {
    ctx.entities.define(Customer);
  },
});

/** Boots and starts a kernel on a memory store with a manual clock starting at `start`. */
export async function bootKernel(
  config: Partial<KernelConfig> = {},
  start: string | number = '2026-03-01T09:00:00Z',
): Promise<{ kernel: Kernel; clock: ManualClock }> {
  const clock = createManualClock(start);
  const kernel = await createKernel({
    store: memoryStore(),
    plugins: [customersPlugin()],
    logger: silent,
    clock,
    jobs: { timer: false },
    ...config,
  });
  await kernel.start();
  return { kernel, clock };
}
