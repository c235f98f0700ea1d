import { PRIVILEGED_RESOURCES } from '../access/permissions.js';

/**
 * Whether holding permission `held` grants everything `wanted` grants (both `resource:action`,
 * wildcards allowed): `*:*` covers all; `*:read` covers `deal:read` and `*:read` but not
 * privileged resources (`user:read`, `audit:read`), as the access checks read it.
 */
export function coversPermission(held: string, wanted: string): boolean {
  const [heldResource, heldAction] = held.split(':') as [string, string];
  const [wantedResource, wantedAction] = wanted.split(':') as [string, string];
  if (heldAction !== '*' && heldAction !== wantedAction) return false;
  if (heldResource === wantedResource) return true;
  if (heldResource !== '*') return false;
  if (heldAction === '*') return true;
  return wantedResource === '*' || !PRIVILEGED_RESOURCES.has(wantedResource);
}

/**
 * The permissions that `targetRoles` grant and `holderRoles` do not: what someone holding
 * `holderRoles` would gain by handing `targetRoles` to an account. Empty when nothing is gained,
 * so nobody can give out more than they hold (no escalation through user administration).
 */
export function permissionsBeyond(
  holderRoles: readonly string[],
  targetRoles: readonly string[],
  roles: Readonly<Record<string, readonly string[]>>,
): string[] {
  const held = holderRoles.flatMap((role) => roles[role] ?? []);
  const wanted = new Set(targetRoles.flatMap((role) => roles[role] ?? []));
  return [...wanted].filter((permission) => !held.some((h) => coversPermission(h, permission)));
}
