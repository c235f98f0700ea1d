import type { Actor, Kernel } from '@rapport/core';

const CRUD = ['read', 'create', 'update', 'delete'] as const;

/** Every concrete `resource:action` the deployment knows of: CRUD on each entity, and each named grant. */
function knownPermissions(kernel: Kernel): Set<string> {
  const known = new Set<string>(['metric:read', 'audit:read']);
  const resources = new Set<string>(kernel.entities.keys());
  for (const permissions of Object.values(kernel.access.roles())) {
    for (const permission of permissions) {
      const [resource, action] = permission.split(':') as [string, string];
      if (resource === '*') continue;
      if (action === '*') resources.add(resource);
      else known.add(permission);
    }
  }
  for (const resource of resources) for (const action of CRUD) known.add(`${resource}:${action}`);
  return known;
}

/**
 * What an actor may do, as concrete `resource:action` strings (`customer:read`, `deal:reopen`),
 * sorted: CRUD on every entity and every action some role names, kept where the access checks
 * allow it. Wildcards are expanded, so a client tests membership and never parses `*`. Record
 * rules still apply: `deal:read` means "the deals the rules let you see".
 */
export function permissionsOf(kernel: Kernel, actor: Actor): string[] {
  return [...knownPermissions(kernel)]
    .filter((permission) => {
      const [resource, action] = permission.split(':') as [string, string];
      return kernel.access.can(actor, resource, action);
    })
    .sort();
}
