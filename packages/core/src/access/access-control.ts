import { ForbiddenError } from '../errors.js';
import type { Where } from '../query/types.js';
import { type Actor, isSystemActor } from './actor.js';
import { FieldPolicy, type FieldRule, type FieldRules, pathCovers } from './field-policy.js';
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
export type AccessView = Pick<
  AccessControl,
  'can' | 'assert' | 'rulesFor' | 'roles' | 'hasRole' | 'fieldsFor' | 'redact' | 'fieldRules'
>;

/** One declaration of a role's field rule for one entity, with who declared it (for boot errors). */
export interface DeclaredFieldRule {
  role: string;
  entity: string;
  hidden: string[];
  readOnly: string[];
  by: string;
}

/** Roles, grants and record rules; answers `can` and `rulesFor`. */
export class AccessControl {
  readonly #roles = new Map<string, Set<string>>();
  readonly #rules = new Map<string, RecordRule[]>();
  readonly #fieldRules: DeclaredFieldRule[] = [];
  /** `roles\0entity` → the policy (`null`: unrestricted); cleared by every grant. */
  readonly #policies = new Map<string, FieldPolicy | null>();

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
    this.#policies.clear();
  }

  /**
   * Hides fields of entities from a role or makes them read-only for it (added to what the role
   * already has). `by` names the declarer in boot errors. Throws a `TypeError` for a malformed rule.
   */
  restrictFields(role: string, rules: FieldRules, by = 'config'): void {
    if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) {
      throw new TypeError(`field rules of role '${role}' must be an object of entity → { hidden, readOnly }`);
    }
    const declared: DeclaredFieldRule[] = [];
    for (const [entity, rule] of Object.entries(rules)) {
      const paths = (kind: 'hidden' | 'readOnly'): string[] => {
        const list: unknown = (rule as FieldRule | undefined)?.[kind] ?? [];
        if (!Array.isArray(list) || !list.every((path) => typeof path === 'string' && path !== '')) {
          throw new TypeError(
            `field rule of role '${role}' on '${entity}': ${kind} must be an array of field paths such as ['phone']`,
          );
        }
        return [...list];
      };
      declared.push({ role, entity, hidden: paths('hidden'), readOnly: paths('readOnly'), by });
    }
    this.#fieldRules.push(...declared);
    this.#policies.clear();
  }

  /** Every field rule declared, in order, with its declarer (`config` or a plugin id). */
  fieldRules(): DeclaredFieldRule[] {
    return this.#fieldRules.map((rule) => ({
      ...rule,
      hidden: [...rule.hidden],
      readOnly: [...rule.readOnly],
    }));
  }

  /**
   * The fields `actor` may not see or change in `entity`, or `undefined` when it is unrestricted
   * (the system actor always is). A field is hidden only when every role of the actor that may
   * read the entity hides it; read-only when every role that may create or update it hides it or
   * makes it read-only. Cached per role set until the next grant.
   */
  fieldsFor(actor: Actor, entity: string): FieldPolicy | undefined {
    if (isSystemActor(actor) || this.#fieldRules.length === 0) return undefined;
    const key = `${actor.roles.join('\0')}\u0001${entity}`;
    let policy = this.#policies.get(key);
    if (policy === undefined) {
      policy = this.#policyOf(actor.roles, entity);
      if (this.#policies.size > 10_000) this.#policies.clear();
      this.#policies.set(key, policy);
    }
    return policy ?? undefined;
  }

  /** `record` of `entity` as `actor` may see it: its hidden fields left out (never mutated). */
  redact<R>(actor: Actor, entity: string, record: R): R {
    const policy = this.fieldsFor(actor, entity);
    return policy ? policy.redact(record) : record;
  }

  #policyOf(roles: readonly string[], entity: string): FieldPolicy | null {
    const grants = (action: string) =>
      roles.filter((role) =>
        [...(this.#roles.get(role) ?? [])].some((permission) => permits(permission, entity, action)),
      );
    const declared = (role: string, kinds: ReadonlyArray<'hidden' | 'readOnly'>) => [
      ...new Set(
        this.#fieldRules
          .filter((rule) => rule.role === role && rule.entity === entity)
          .flatMap((rule) => kinds.flatMap((kind) => rule[kind])),
      ),
    ];
    const readers = grants('read');
    const writers = [...new Set([...grants('create'), ...grants('update')])];
    const hidden = agreed(readers.map((role) => declared(role, ['hidden'])));
    const readOnly = agreed(writers.map((role) => declared(role, ['hidden', 'readOnly'])));
    return hidden.length === 0 && readOnly.length === 0 ? null : new FieldPolicy(entity, hidden, readOnly);
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

/** The paths every list covers (itself or by a path above it); none when a list is empty or there are none. */
function agreed(lists: string[][]): string[] {
  if (lists.length === 0 || lists.some((list) => list.length === 0)) return [];
  const candidates = [...new Set(lists.flat())];
  return candidates.filter((path) => lists.every((list) => list.some((held) => pathCovers(held, path))));
}
