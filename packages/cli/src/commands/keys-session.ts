import { directKeyAdmin, httpKeyAdmin, type KeyAdmin } from '../keys/key-admin.js';
import { type AdminOptions, withAdmin } from './admin-session.js';
import type { CommandContext } from './context.js';

/** Options of every `rapport keys` command. */
export type KeysOptions = AdminOptions;

/** Runs `fn` with a key administrator, through the server or directly on the store (see {@link withAdmin}). */
export function withKeyAdmin<R>(
  context: CommandContext,
  options: KeysOptions,
  fn: (admin: KeyAdmin) => Promise<R>,
): Promise<R> {
  return withAdmin(context, options, { direct: directKeyAdmin, http: httpKeyAdmin }, fn);
}
