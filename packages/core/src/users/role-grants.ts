import type { AccessView } from '../access/access-control.js';
import type { Actor } from '../access/actor.js';
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

/**
 * The fields `targetRoles` would show or let change that field rules keep from `holder`
 * (`customer.phone`): what handing out those roles would reveal beyond what the holder may see or
 * change. Empty when nothing is gained, so field rules cannot be escaped through user
 * administration either.
 */
export function fieldsBeyond(
  access: Pick<AccessView, 'can' | 'fieldsFor' | 'fieldRules'>,
  holder: Actor,
  targetRoles: readonly string[],
): string[] {
  if (targetRoles.length === 0) return [];
  const target: Actor = { id: holder.id, kind: holder.kind, roles: [...targetRoles] };
  const gained: string[] = [];
  for (const entity of new Set(access.fieldRules().map((rule) => rule.entity))) {
    const held = access.fieldsFor(holder, entity);
    if (!held) continue;
    const given = access.fieldsFor(target, entity);
    if (access.can(target, entity, 'read')) {
      for (const path of held.hidden) if (!given?.isHidden(path)) gained.push(`${entity}.${path}`);
    }
    if (access.can(target, entity, 'create') || access.can(target, entity, 'update')) {
      for (const path of held.readOnly) if (!given?.isLocked(path)) gained.push(`${entity}.${path}`);
    }
  }
  return gained;
}
