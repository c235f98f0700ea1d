import { createEntityHooks, type EntityHooks } from './entity-hooks.js';

/**
 * The hook sets of every entity, made on first use, with the plugins that tapped each: an
 * entity tapped by a plugin but defined by none is a compile failure naming those plugins.
 */
export class EntityHookTable {
  readonly #entries = new Map<string, { hooks: EntityHooks; tappedBy: Set<string> }>();

  /** The hook set of `entity`, noting that `plugin` asked for it. */
  for(plugin: string, entity: string): EntityHooks {
    let entry = this.#entries.get(entity);
    if (!entry) {
      entry = { hooks: createEntityHooks(), tappedBy: new Set() };
      this.#entries.set(entity, entry);
    }
    entry.tappedBy.add(plugin);
    return entry.hooks;
  }

  /** Every entity asked for, with the plugins that asked. */
  tapped(): Array<{ entity: string; plugins: ReadonlySet<string> }> {
    return [...this.#entries].map(([entity, { tappedBy }]) => ({ entity, plugins: tappedBy }));
  }
}
