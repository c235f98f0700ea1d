import { definePlugin } from '@rapport/core';

/** One event an {@link eventLog} saw. */
export interface SeenEvent {
  name: string;
  payload: Record<string, unknown>;
}

/**
 * A plugin that records the payloads of the named events, in delivery order, for tests that
 * check what a plugin emits. Install it after the plugins it listens to (`dependsOn`).
 *
 * @example
 * ```ts
 * const log = eventLog(['tickets.sla.breached'], ['tickets']);
 * const t = await createTestKernel({ plugins: [customers(), tickets(), log.plugin] });
 * // ... log.seen → [{ name: 'tickets.sla.breached', payload: { ticketId, target } }]
 * ```
 */
export function eventLog(events: readonly string[], dependsOn: readonly string[] = []) {
  const seen: SeenEvent[] = [];
  const plugin = definePlugin({
    id: 'eventLog',
    version: '0.0.1',
    dependsOn: [...dependsOn],
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
