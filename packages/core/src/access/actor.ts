import type { JsonValue } from '../query/types.js';

/** Who performs an operation: a user, an API key, or the system. */
export interface Actor {
  /** Stable id (user id, key id, `system`). */
  id: string;
  kind: 'user' | 'apiKey' | 'system';
  /** Role names; roles grant `entity:action` permissions. */
  roles: string[];
  /** Facts record rules may use (team, region, ...). */
  attributes?: Record<string, JsonValue>;
}

/**
 * The system actor: jobs, migrations and event handlers act as it. It bypasses permissions and
 * record rules, and the server never lets a request act as it.
 */
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', kind: 'system', roles: [] }) as Actor;

/** Is this the system actor? */
export function isSystemActor(actor: Actor): boolean {
  return actor.kind === 'system';
}
