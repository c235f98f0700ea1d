import { definePlugin } from '@rapport/core';

/** A plugin that records the payloads of the named events, in delivery order. */
export function eventLog(events: string[]) {
  const seen: Array<{ name: string; payload: Record<string, unknown> }> = [];
  const plugin = definePlugin({
    id: 'eventLog',
    version: '0.0.1',
    dependsOn: ['sales'],
    register(ctx) {
      for (const name of events) {
        ctx.events.on(name, (event) => void seen.push({ name, payload: event.payload }), {
          transactional: false,
        });
      }
    },
  });
  return { plugin, seen };
}
