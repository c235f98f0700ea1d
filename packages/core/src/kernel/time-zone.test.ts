import { describe, expect, it } from 'vitest';
import { BootError } from '../errors.js';
import { definePlugin } from '../plugins/define-plugin.js';
import { memoryStore } from '../store/memory-store.js';
import { silent } from '../test-support/boot.js';
import { createKernel } from './create-kernel.js';

/** A plugin that records the time zone its register and start contexts see. */
function zoneWitness() {
  const seen: { register?: string; start?: string } = {};
  const plugin = definePlugin({
    id: 'witness',
    version: '1',
    register(ctx) {
      seen.register = ctx.timeZone;
    },
    start(ctx) {
      seen.start = ctx.timeZone;
    },
  });
  return { plugin, seen };
}

const boot = (timeZone: string | undefined, plugins: Parameters<typeof createKernel>[0]['plugins'] = []) =>
  createKernel({
    store: memoryStore(),
    plugins,
    logger: silent,
    jobs: { timer: false },
    ...(timeZone === undefined ? {} : { timeZone }),
  });

describe('the deployment time zone', () => {
  it('defaults to UTC', async () => {
    const { plugin, seen } = zoneWitness();
    const kernel = await boot(undefined, [plugin()]);
    await kernel.start();
    expect(kernel.timeZone).toBe('UTC');
    expect(seen).toEqual({ register: 'UTC', start: 'UTC' });
    await kernel.stop();
  });

  it('reaches the kernel and every plugin context', async () => {
    const { plugin, seen } = zoneWitness();
    const kernel = await boot('Europe/Berlin', [plugin()]);
    await kernel.start();
    expect(kernel.timeZone).toBe('Europe/Berlin');
    expect(seen).toEqual({ register: 'Europe/Berlin', start: 'Europe/Berlin' });
    await kernel.stop();
  });

  it('is a boot error naming the zone when the runtime does not know it', async () => {
    const error = await boot('Europe/Berlim').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BootError);
    expect(
      (error as BootError).failures.map(({ plugin, phase, message }) => ({ plugin, phase, message })),
    ).toEqual([
      {
        plugin: 'kernel',
        phase: 'config',
        message:
          "timeZone 'Europe/Berlim' is not an IANA time zone name (such as 'Europe/Berlin', 'America/New_York' or 'UTC')",
      },
    ]);
    expect((error as BootError).message).toContain("[kernel] config: timeZone 'Europe/Berlim'");
    await expect(boot('+02:00')).rejects.toThrow(/timeZone '\+02:00' is not an IANA time zone name/);
  });
});
