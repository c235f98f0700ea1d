import { LifecycleError } from '../errors.js';
import type { PluginPresence } from '../plugins/define-plugin.js';
import type { InstalledPlugin } from './install-plugins.js';

/** `ctx.plugins` of one plugin: which of the plugins it lists are installed. */
export function createPluginPresence(plugin: InstalledPlugin): PluginPresence {
  const id = plugin.definition.id;
  return {
    has(other) {
      if (other === id || plugin.present.has(other)) return true;
      if (plugin.absentOptional.includes(other)) return false;
      throw new LifecycleError(
        `${id}: plugins.has('${other}') answers only for plugins listed in dependsOn or optionalDependsOn`,
      );
    },
  };
}

/**
 * Why something of another plugin is not there, when the asking plugin has optional
 * dependencies that are not installed: names `owner` alone when it is one of them (a token or
 * entity named after its plugin), else every absent one. `undefined` when none is absent.
 */
export function absentDependencyHint(plugin: InstalledPlugin, owner?: string): string | undefined {
  const absent =
    owner !== undefined && plugin.absentOptional.includes(owner) ? [owner] : plugin.absentOptional;
  if (absent.length === 0) return undefined;
  const [first] = absent;
  return absent.length === 1
    ? `optional dependency '${first}' is not installed; check ctx.plugins.has('${first}') first`
    : `optional dependencies ${absent.map((a) => `'${a}'`).join(', ')} are not installed; check ctx.plugins.has(id) first`;
}
