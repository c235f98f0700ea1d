/** The actions a permission grants on an entity (plugins may add their own verbs). */
export type Action = 'read' | 'create' | 'update' | 'delete' | (string & {});

/**
 * Resources a wildcard entity (`*:read`) does not reach: only `*:*` or an explicit grant
 * (`audit:read`) opens them.
 */
export const PRIVILEGED_RESOURCES = new Set(['audit', 'apiKey', 'user']);

/** The roles every kernel starts with; `createKernel({ access: { roles } })` and plugins add grants. */
export const DEFAULT_ROLES: Record<string, string[]> = {
  admin: ['*:*'],
  manager: ['*:read', '*:create', '*:update', '*:delete'],
  agent: ['*:read', '*:create', '*:update'],
  viewer: ['*:read'],
};

const PERMISSION = /^(\*|[a-zA-Z][a-zA-Z0-9]*):(\*|[a-zA-Z][a-zA-Z0-9]*)$/;

/** Checks the `resource:action` syntax; throws a `TypeError` naming the bad permission. */
export function assertPermission(permission: string): void {
  if (!PERMISSION.test(permission)) {
    throw new TypeError(`'${permission}' is not a permission (use entity:action, e.g. deal:read or *:read)`);
  }
}

/** Does `permission` grant `action` on `resource`? */
export function permits(permission: string, resource: string, action: Action): boolean {
  const [grantedResource, grantedAction] = permission.split(':') as [string, string];
  if (grantedAction !== '*' && grantedAction !== action) return false;
  if (grantedResource === resource) return true;
  if (grantedResource !== '*') return false;
  return grantedAction === '*' ? true : !PRIVILEGED_RESOURCES.has(resource);
}
