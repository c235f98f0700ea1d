import type { BootFailure } from '../errors.js';

/** The minimum the resolver needs to know about a plugin. */
export interface PluginNode {
  id: string;
  version: string;
  dependsOn: readonly string[];
}

/**
 * Orders plugins so each comes after the plugins it depends on, keeping the given order where
 * dependencies leave a choice. Duplicates, missing dependencies and cycles (with their path)
 * are all reported; plugins caught in any of them are left out of the order.
 */
export function resolvePluginOrder<P extends PluginNode>(
  plugins: readonly P[],
): { order: P[]; failures: BootFailure[] } {
  const failures: BootFailure[] = [];
  const byId = new Map<string, P>();
  for (const plugin of plugins) {
    const first = byId.get(plugin.id);
    if (first) {
      failures.push({
        plugin: plugin.id,
        phase: 'resolve',
        message: `plugin '${plugin.id}' is listed twice (versions ${first.version} and ${plugin.version})`,
      });
    } else {
      byId.set(plugin.id, plugin);
    }
  }
  const broken = new Set<string>();
  for (const plugin of byId.values()) {
    for (const dep of plugin.dependsOn) {
      if (!byId.has(dep)) {
        failures.push({
          plugin: plugin.id,
          phase: 'resolve',
          message: `depends on '${dep}', which is not installed`,
        });
        broken.add(plugin.id);
      }
    }
  }
  const order: P[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const reportedCycles = new Set<string>();
  const visit = (plugin: P, path: string[]): boolean => {
    const seen = state.get(plugin.id);
    if (seen === 'done') return !broken.has(plugin.id);
    if (seen === 'visiting') {
      const cycle = [...path.slice(path.indexOf(plugin.id)), plugin.id];
      const key = [...cycle].sort().join(',');
      if (!reportedCycles.has(key)) {
        reportedCycles.add(key);
        failures.push({
          plugin: plugin.id,
          phase: 'resolve',
          message: `dependency cycle: ${cycle.join(' -> ')}`,
        });
      }
      for (const id of cycle) broken.add(id);
      return false;
    }
    state.set(plugin.id, 'visiting');
    let ok = !broken.has(plugin.id);
    for (const dep of plugin.dependsOn) {
      const target = byId.get(dep);
      if (target && !visit(target, [...path, plugin.id])) ok = false;
    }
    state.set(plugin.id, 'done');
    if (!ok) broken.add(plugin.id);
    else order.push(plugin);
    return ok;
  };
  for (const plugin of byId.values()) visit(plugin, []);
  return { order: order.filter((p) => !broken.has(p.id)), failures };
}

/** Does `plugin` depend on `on`, directly or through others? */
export function dependsTransitively(
  plugins: ReadonlyMap<string, PluginNode>,
  plugin: string,
  on: string,
): boolean {
  const seen = new Set<string>();
  const stack = [...(plugins.get(plugin)?.dependsOn ?? [])];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === on) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(plugins.get(id)?.dependsOn ?? []));
  }
  return false;
}
