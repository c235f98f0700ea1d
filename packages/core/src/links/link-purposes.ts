import { type Duration, toMilliseconds } from '../util/duration.js';
import type { LinkUse } from './link-collection.js';

/** How the links of one purpose behave, as `ctx.links.purpose` declares them. */
export interface LinkPurposeOptions {
  /** `single`: the first `consume` uses the link up; `reusable`: it works until it expires or is revoked. */
  use: LinkUse;
  /** How long a link lives (at most 366 days); `issue` may ask for less, never more. */
  ttl: Duration;
}

/** A declared purpose. */
export interface LinkPurpose {
  /** `<plugin>.<name>`, e.g. `tickets.csat`. */
  id: string;
  plugin: string;
  use: LinkUse;
  ttlMs: number;
}

const PURPOSE_NAME = /^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)*$/;
const MAX_TTL_MS = 366 * 86_400_000;

/** The link purposes plugins declared in `register`. */
export class LinkPurposeRegistry {
  readonly #purposes = new Map<string, LinkPurpose>();

  /** Declares a purpose; returns a message when it cannot. */
  add(plugin: string, id: string, options: LinkPurposeOptions): string | undefined {
    if (!id.startsWith(`${plugin}.`) || !PURPOSE_NAME.test(id.slice(plugin.length + 1))) {
      return `link purpose '${id}' must be '${plugin}.<name>' (letters, digits, - and .)`;
    }
    const holder = this.#purposes.get(id);
    if (holder) return `link purpose '${id}' is already declared by '${holder.plugin}'`;
    if (options.use !== 'single' && options.use !== 'reusable') {
      return `link purpose '${id}': use must be 'single' or 'reusable'`;
    }
    let ttlMs: number;
    try {
      ttlMs = toMilliseconds(options.ttl);
    } catch (error) {
      return `link purpose '${id}': ttl ${(error as Error).message}`;
    }
    if (ttlMs > MAX_TTL_MS) return `link purpose '${id}': ttl may be at most 366 days`;
    this.#purposes.set(id, { id, plugin, use: options.use, ttlMs });
    return undefined;
  }

  get(id: string): LinkPurpose | undefined {
    return this.#purposes.get(id);
  }

  list(): LinkPurpose[] {
    return [...this.#purposes.values()];
  }
}
