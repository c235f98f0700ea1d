import {
  type Kernel,
  type Logger,
  RapportError,
  SYSTEM_ACTOR,
  USER_ENTITY,
  USERS,
  type UserRecord,
} from '@rapport/core';

/** What {@link ensureAdminUser} did. */
export type AdminUserOutcome =
  | { kind: 'none' }
  | { kind: 'existing' }
  | { kind: 'adopted'; email: string }
  | { kind: 'created'; email: string; password: string };

/** The e-mail address of the first admin when `RAPPORT_ADMIN_EMAIL` does not name one. */
export const DEFAULT_ADMIN_EMAIL = 'admin@example.com';

/** Whether any active user holds a role that grants everything (`admin`, or any `*:*` role). */
async function hasActiveAdmin(kernel: Kernel): Promise<boolean> {
  const roles = kernel.access.roles();
  const full = new Set(Object.keys(roles).filter((role) => role === 'admin' || roles[role]?.includes('*:*')));
  const repo = kernel.data<UserRecord>(USER_ENTITY, { actor: SYSTEM_ACTOR });
  let cursor: string | undefined;
  do {
    const page = await repo.find({ where: { active: true }, limit: 500, ...(cursor ? { cursor } : {}) });
    if (page.items.some((user) => user.roles.some((role) => full.has(role)))) return true;
    cursor = page.nextCursor;
  } while (cursor);
  return false;
}

/**
 * Makes sure a fresh deployment has someone who can sign in and administer it: when no active
 * user holds an admin role, creates one (`Administrator`, role `admin`) with the e-mail address of
 * `RAPPORT_ADMIN_EMAIL` (default {@link DEFAULT_ADMIN_EMAIL}) and the password of
 * `RAPPORT_ADMIN_PASSWORD`, or a generated one that the caller prints once. When an admin exists
 * nothing changes, and a `RAPPORT_ADMIN_PASSWORD` left set is reported with a warning. Without the
 * users plugin there is nothing to do.
 */
export async function ensureAdminUser(
  kernel: Kernel,
  env: Record<string, string | undefined>,
  logger: Logger,
): Promise<AdminUserOutcome> {
  if (!kernel.entities.has(USER_ENTITY)) return { kind: 'none' };
  const password = env.RAPPORT_ADMIN_PASSWORD || undefined;
  if (await hasActiveAdmin(kernel)) {
    if (password) logger.warn('RAPPORT_ADMIN_PASSWORD is set but an admin user exists: it was not used');
    return { kind: 'existing' };
  }
  const email = env.RAPPORT_ADMIN_EMAIL?.trim() || DEFAULT_ADMIN_EMAIL;
  try {
    const made = await kernel.resolve(USERS).create(
      { name: 'Administrator', email, roles: ['admin'], ...(password ? { password } : {}) },
      {
        actor: SYSTEM_ACTOR,
      },
    );
    logger.info({ userId: made.user.id }, 'created a first admin user');
    return made.password ? { kind: 'created', email, password: made.password } : { kind: 'adopted', email };
  } catch (error) {
    if (!(error instanceof RapportError && error.code === 'CONFLICT')) throw error;
    // Another server process on the same database made the admin first, or the address is taken.
    if (await hasActiveAdmin(kernel)) return { kind: 'existing' };
    throw new RapportError(
      'ADMIN_USER_FAILED',
      `cannot create the first admin user: ${email} belongs to a user who is not an active admin (set RAPPORT_ADMIN_EMAIL to another address, or give that user the admin role with rapport users set)`,
      { cause: error },
    );
  }
}
