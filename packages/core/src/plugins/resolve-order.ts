import type { BootFailure } from '../errors.js';

/** The minimum the resolver needs to know about a plugin. */
export interface PluginNode {
  id: string;
  version: string;
  dependsOn: readonly string[];
  /** Plugins this one comes after when they are installed, and does without when they are not. */
  optionalDependsOn?: readonly string[];
}

/** The plugins `plugin` comes after: every hard dependency, and each optional one that is installed. */
function edgesOf(plugin: PluginNode, installed: ReadonlyMap<string, PluginNode>): string[] {
  return [...plugin.dependsOn, ...(plugin.optionalDependsOn ?? []).filter((id) => installed.has(id))];
}

/** `a -> b -(optional)-> c -> a`: a cycle's path, marking the edges that are optional dependencies. */
function cyclePath(cycle: readonly string[], byId: ReadonlyMap<string, PluginNode>): string {
  let text = cycle[0] ?? '';
  for (let i = 1; i < cycle.length; i++) {
    const from = byId.get(cycle[i - 1] as string);
    const to = cycle[i] as string;
    text += from?.dependsOn.includes(to) ? ` -> ${to}` : ` -(optional)-> ${to}`;
  }
  return text;
}

/**
 * Orders plugins so each comes after the plugins it depends on, and after those of its optional
 * dependencies that are installed, keeping the given order where dependencies leave a choice.
 * An optional dependency that is not installed is no problem. Duplicates, missing dependencies,
 * a plugin listed both as a dependency and as an optional one, and cycles (with their path,
 * through optional dependencies too) are all reported; plugins caught in any of them are left
 * out of the order.
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
    for (const dep of plugin.optionalDependsOn ?? []) {
      if (plugin.dependsOn.includes(dep)) {
        failures.push({
          plugin: plugin.id,
          phase: 'resolve',
          message: `lists '${dep}' in both dependsOn and optionalDependsOn (keep one)`,
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
          message: `dependency cycle: ${cyclePath(cycle, byId)}`,
        });
      }
      for (const id of cycle) broken.add(id);
      return false;
    }
    state.set(plugin.id, 'visiting');
    let ok = !broken.has(plugin.id);
    for (const dep of edgesOf(plugin, byId)) {
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

/**
 * Does `plugin` depend on `on`, directly or through others? Optional dependencies count when
 * they are among `plugins` (installed).
 */
export function dependsTransitively(
  plugins: ReadonlyMap<string, PluginNode>,
  plugin: string,
  on: string,
): boolean {
  const seen = new Set<string>();
  const edges = (id: string) => {
    const node = plugins.get(id);
    return node ? edgesOf(node, plugins) : [];
  };
  const stack = edges(plugin);
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === on) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...edges(id));
  }
  return false;
}
