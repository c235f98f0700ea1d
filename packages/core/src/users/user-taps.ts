import type { AccessView } from '../access/access-control.js';
import { isSystemActor } from '../access/actor.js';
import type { EntityRecord } from '../entities/define-entity.js';
import {
  ConflictError,
  type FieldError,
  ForbiddenError,
  LifecycleError,
  ValidationError,
} from '../errors.js';
import type { ConflictContext, EntityHooks, ValidateContext, WriteContext } from '../hooks/entity-hooks.js';
import { HookStage } from '../hooks/stages.js';
import type { Sessions } from '../sessions/session-service.js';
import { isTimeZone } from '../util/calendar.js';
import { isoTime } from '../util/clock.js';
import { fieldsBeyond, permissionsBeyond } from './role-grants.js';
import { emailKeyOf, USER_ENTITY, type User } from './user-entity.js';

/** What the taps read at write time: the kernel's roles and its sessions (bound once the kernel runs). */
export interface UserTapRuntime {
  access?: AccessView;
  sessions?: Sessions;
}

/** An argon2 PHC string: what `passwordHash` must hold, so no writer stores a plain password. */
const PHC_ARGON2 = /^\$argon2(id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

type UserRecord = EntityRecord<User>;

function bound(runtime: UserTapRuntime): Required<UserTapRuntime> {
  if (!runtime.access || !runtime.sessions) {
    throw new LifecycleError('users: user records are written before the users plugin started');
  }
  return runtime as Required<UserTapRuntime>;
}

function refuse(errors: FieldError[]): never {
  const summary = errors.map((e) => `${e.path} ${e.message}`).join('; ');
  throw new ValidationError(`invalid user: ${summary}`, errors, { details: { entity: USER_ENTITY } });
}

/** Field problems of a user about to be written: unknown roles, an unknown zone, a plain password. */
function fieldProblems(record: UserRecord, access: AccessView): FieldError[] {
  const errors: FieldError[] = [];
  const unknown = record.roles.filter((role) => !access.hasRole(role));
  if (unknown.length > 0) {
    errors.push({
      path: 'roles',
      rule: 'role',
      message: `names unknown role(s) ${unknown.join(', ')} (known: ${Object.keys(access.roles()).join(', ')})`,
    });
  }
  if (record.timeZone !== undefined && !isTimeZone(record.timeZone)) {
    errors.push({
      path: 'timeZone',
      rule: 'timeZone',
      message: 'must be an IANA time zone name (Europe/Berlin)',
    });
  }
  if (record.passwordHash !== undefined && !PHC_ARGON2.test(record.passwordHash)) {
    errors.push({
      path: 'passwordHash',
      rule: 'format',
      message: 'must be an argon2 hash (set a password through the users service, never the hash)',
    });
  }
  return errors;
}

/** Refuses handing out roles that grant more than the writer holds, and locking oneself out. */
function checkWriter(write: ValidateContext<User>, access: AccessView): void {
  const { actor, record, previous, operation } = write;
  if (isSystemActor(actor)) return;
  const own = record.id === actor.id;
  if (operation === 'delete') {
    if (own)
      throw new ForbiddenError('you cannot delete your own account', { details: { entity: USER_ENTITY } });
    return;
  }
  const added = record.roles.filter((role) => !previous?.roles.includes(role));
  const beyond = permissionsBeyond(actor.roles, added, access.roles());
  if (beyond.length > 0) {
    throw new ForbiddenError(
      `you cannot give role(s) ${added.join(', ')}: they grant ${beyond.join(', ')}, which you do not hold`,
      { details: { entity: USER_ENTITY, permission: beyond[0] } },
    );
  }
  const fields = fieldsBeyond(access, actor, added);
  if (fields.length > 0) {
    throw new ForbiddenError(
      `you cannot give role(s) ${added.join(', ')}: they show or let change ${fields.join(', ')}, which your roles keep from you`,
      { details: { entity: USER_ENTITY, field: fields[0] } },
    );
  }
  if (own && previous?.active !== false && record.active === false) {
    refuse([{ path: 'active', rule: 'self', message: 'you cannot deactivate your own account' }]);
  }
}

/** Did this write end what the user's sessions stood on (the account, its activity or its password)? */
function endsSessions(record: UserRecord | undefined, previous: UserRecord | undefined): boolean {
  if (!record) return true;
  return (
    (record.active === false && previous?.active !== false) ||
    (previous !== undefined && record.passwordHash !== previous.passwordHash)
  );
}

function normalize(
  record: UserRecord,
  previous: UserRecord | undefined,
  context: WriteContext<User>,
  zone: string,
) {
  const next: UserRecord = { ...record, emailKey: emailKeyOf(record.email) };
  next.timeZone ??= zone;
  if (record.passwordHash !== previous?.passwordHash) {
    if (record.passwordHash === undefined) delete next.passwordChangedAt;
    else next.passwordChangedAt = isoTime(context.now());
  }
  return next;
}

/** The unique e-mail index refused a write: a 409 on `email`, naming the holder to those who may see it. */
async function explainTakenEmail(
  error: ConflictError,
  context: ConflictContext<User>,
): Promise<ConflictError> {
  if (!context.conflict.fields.includes('emailKey')) return error;
  const visible = context.can(USER_ENTITY, 'read');
  return ConflictError.unique(
    'another user already has this e-mail address (e-mail addresses are unique, whatever their case)',
    {
      entity: USER_ENTITY,
      fields: ['email'],
      values: [context.record.email],
      ...(visible ? { existingId: context.conflict.conflictingId } : {}),
    },
    error,
  );
}

/**
 * The rules of every write to `user`, whoever writes it: `emailKey` computed (the unique index),
 * the deployment's zone as the default time zone, `passwordChangedAt` kept, roles that exist, a
 * known zone, only argon2 hashes; nobody hands out roles beyond their own or deactivates or deletes
 * themselves; deactivating a user, changing their password or deleting them ends their sessions
 * (in the same transaction).
 */
export function tapUserRules(
  hooks: EntityHooks<User>,
  plugin: string,
  runtime: UserTapRuntime,
  deploymentZone: string,
): void {
  const early = { name: plugin, stage: HookStage.EARLY };
  hooks.validate.tapPromise(early, async (write) => {
    const { access } = bound(runtime);
    if (write.operation !== 'delete') {
      const errors = fieldProblems(write.record, access);
      if (errors.length > 0) refuse(errors);
    }
    checkWriter(write, access);
  });
  hooks.beforeCreate.tapPromise(early, async (record, context) =>
    normalize(record, undefined, context, deploymentZone),
  );
  hooks.beforeUpdate.tapPromise(early, async (record, context) =>
    normalize(record, context.previous, context, deploymentZone),
  );
  hooks.conflict.tapPromise(plugin, explainTakenEmail);
  hooks.afterUpdate.tapPromise(plugin, async (record, context) => {
    if (endsSessions(record, context.previous)) await bound(runtime).sessions.revokeUser(record.id);
  });
  hooks.afterDelete.tapPromise(plugin, async (record) => {
    await bound(runtime).sessions.revokeUser(record.id);
  });
}
