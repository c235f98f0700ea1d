import { createToken } from '@rapport/core';
import { SyncWaterfallHook } from 'tapable';

/** What a `compose` tap gets besides the text so far. */
export interface ComposeContext {
  personId: string;
  name: string;
  language: string;
}

/** Hooks the hello plugin publishes for plugins that depend on it. */
export interface HelloHooks {
  /**
   * Runs over each greeting's text before it is stored: return the text, changed or not. Taps
   * run in registration order (stages as for entity hooks); a tap that throws fails the
   * greeting's event delivery, which is retried.
   */
  compose: SyncWaterfallHook<[text: string, context: ComposeContext]>;
}

/** The token of {@link HelloHooks}: `ctx.hooks.get(HELLO_HOOKS)` in a plugin that depends on hello. */
export const HELLO_HOOKS = createToken<HelloHooks>('hello.hooks');

/** Creates the hook object the plugin publishes. */
export function createHelloHooks(): HelloHooks {
  return { compose: new SyncWaterfallHook(['text', 'context']) };
}
