import { ForbiddenError } from '../errors.js';
import type { Where } from '../query/types.js';
import { type Actor, isSystemActor } from './actor.js';
import { type Action, assertPermission, DEFAULT_ROLES, permits } from './permissions.js';

/**
 * A record rule: limits which records of an entity an actor may see or touch. Return a `where`
 * the records must match, or `undefined` when the rule does not restrict this actor. Rules apply
 * to get, find, count, aggregate, update and delete alike, so a list never shows what get refuses.
 */
export interface RecordRule {
  /** Name for errors and docs, e.g. `tickets.ownTeam`. */
  id: string;
  entity: string;
  where(actor: Actor): Where | undefined;
}

/** What a running kernel shows of its access control: questions only, no grants. */
export type AccessView = Pick<AccessControl, 'can' | 'assert' | 'rulesFor' | 'roles' | 'hasRole'>;

/** Roles, grants and record rules; answers `can` and `rulesFor`. */
export class AccessControl {
  readonly #roles = new Map<string, Set<string>>();
  readonly #rules = new Map<string, RecordRule[]>();

  constructor(roles: Record<string, string[]> = {}) {
    for (const [role, perms] of Object.entries({ ...DEFAULT_ROLES })) this.grant(role, perms);
    for (const [role, perms] of Object.entries(roles)) this.grant(role, perms);
  }

  /** Adds permissions to a role, creating it if new. */
  grant(role: string, permissions: string[]): void {
    for (const permission of permissions) assertPermission(permission);
    const set = this.#roles.get(role) ?? new Set<string>();
    for (const permission of permissions) set.add(permission);
    this.#roles.set(role, set);
  }

  /** Adds a record rule. */
  addRule(rule: RecordRule): void {
    const list = this.#rules.get(rule.entity) ?? [];
    list.push(rule);
    this.#rules.set(rule.entity, list);
  }

  /** Role names and their permissions. */
  roles(): Record<string, string[]> {
    return Object.fromEntries([...this.#roles].map(([role, perms]) => [role, [...perms]]));
  }

  /** Whether a role of that name exists. */
  hasRole(role: string): boolean {
    return this.#roles.has(role);
  }

  /** Does the actor hold a permission for `action` on `resource`? The system actor always does. */
  can(actor: Actor, resource: string, action: Action): boolean {
    if (isSystemActor(actor)) return true;
    return actor.roles.some((role) =>
      [...(this.#roles.get(role) ?? [])].some((permission) => permits(permission, resource, action)),
    );
  }

  /** Throws a {@link ForbiddenError} naming the missing permission unless `can` holds. */
  assert(actor: Actor, resource: string, action: Action): void {
    if (!this.can(actor, resource, action)) {
      throw new ForbiddenError(`actor '${actor.id}' lacks permission '${resource}:${action}'`, {
        details: { permission: `${resource}:${action}`, actor: actor.id },
      });
    }
  }

  /** The `where` clauses the rules impose on this actor for this entity (empty for the system). */
  rulesFor(actor: Actor, entity: string): Array<{ rule: string; where: Where }> {
    if (isSystemActor(actor)) return [];
    const out: Array<{ rule: string; where: Where }> = [];
    for (const rule of this.#rules.get(entity) ?? []) {
      const where = rule.where(actor);
      if (where !== undefined) out.push({ rule: rule.id, where });
    }
    return out;
  }
}
