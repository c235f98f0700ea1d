import Mustache from 'mustache';

const MAX_CACHED = 500;

/** A parsed template: Mustache's token tree. */
export type Tokens = unknown[][];

/** Parsed templates, at most {@link MAX_CACHED} (Mustache's own cache grows without bound). */
class BoundedCache {
  readonly #entries = new Map<string, Tokens>();
  set(key: string, value: Tokens): void {
    if (this.#entries.size >= MAX_CACHED) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, value);
  }
  get(key: string): Tokens | undefined {
    return this.#entries.get(key);
  }
  clear(): void {
    this.#entries.clear();
  }
}

/** The plugin's own Mustache writer: default tags, a bounded cache, never the global one. */
export const writer = new Mustache.Writer();
(writer as unknown as { templateCache: BoundedCache }).templateCache = new BoundedCache();

/** HTML escaping as Mustache does it (`& < > " ' / \` =`). */
export const escapeHtml = Mustache.escape;

/** No escaping: for plain text (an SMS, a text body, a subject line). */
export const noEscape = (value: unknown): string => String(value);
