import {
  type Actor,
  type DomainEvent,
  type Kernel,
  type KernelTransaction,
  matchesWhere,
  normalizeWhere,
  RapportError,
} from '@rapport/core';

/** The record an event is about. */
export interface EventSubject {
  entity: string;
  id: string;
}

/** The body of a delivery, as JSON. */
export interface DeliveryBody {
  event: { id: string; name: string; occurredAt: string };
  subject: EventSubject;
  /** The record as the owner reads it (their record rules and field permissions applied). */
  data: Record<string, unknown>;
  /** The event's other facts (`from`, `to`, `reason`), and for updates the fields that changed. */
  details: Record<string, unknown>;
}

/** A body to send, or why the event is not the owner's to receive. */
export type BodyVerdict = { body: DeliveryBody } | { skipped: string };

/**
 * The record an event is about: `entity.*` events, and events whose payload has `entity` naming
 * a known entity, name it (`{ entity, id }`); a domain event `<plugin>.<entity>.<verb>` of a
 * known entity carries its id as `<entity>Id` or `id`.
 */
export function subjectOf(kernel: Kernel, event: DomainEvent): EventSubject | undefined {
  const payload = event.payload;
  const [first, second] = event.name.split('.');
  if (first === 'entity' || (typeof payload.entity === 'string' && kernel.entities.has(payload.entity))) {
    return typeof payload.entity === 'string' && typeof payload.id === 'string'
      ? { entity: payload.entity, id: payload.id }
      : undefined;
  }
  if (!second || !kernel.entities.has(second)) return undefined;
  const id = payload[`${second}Id`] ?? payload.id;
  return typeof id === 'string' ? { entity: second, id } : undefined;
}

const isRefusal = (error: unknown) =>
  error instanceof RapportError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN');

/**
 * The body for an event, read as the owner inside `tx`: the subject is loaded through the
 * owner's repository, so a record rule that hides it, or a missing permission, skips the event,
 * and the fields the owner may not read are not in `data`. The event's own facts are passed on
 * except those naming the subject's fields (they come from `data`, filtered). A deletion is
 * passed on as `{ id }` when the owner could read the entity and the record as it was.
 */
export async function deliveryBody(
  kernel: Kernel,
  tx: KernelTransaction,
  owner: Actor,
  event: DomainEvent,
): Promise<BodyVerdict> {
  const subject = subjectOf(kernel, event);
  if (!subject)
    return { skipped: `the event '${event.name}' names no record its owner could be checked against` };
  const entity = kernel.entities.get(subject.entity);
  if (!entity) return { skipped: `the event is about an unknown entity '${subject.entity}'` };
  const fields = new Set(Object.keys(entity.schema.properties ?? {}));
  const head = { event: { id: event.id, name: event.name, occurredAt: event.occurredAt }, subject };
  const readable = `its owner may not read ${subject.entity} ${subject.id}`;
  let data: Record<string, unknown>;
  if (event.name === 'entity.deleted') {
    const previous = (event.payload.previous ?? {}) as Record<string, unknown>;
    const hidden = kernel.access
      .rulesFor(owner, subject.entity)
      .some(({ where }) => !matchesWhere(previous, normalizeWhere(where, entity.schema)));
    if (!kernel.access.can(owner, subject.entity, 'read') || hidden) return { skipped: readable };
    data = { id: subject.id };
  } else {
    try {
      data = (await tx.data(subject.entity, { actor: owner }).get(subject.id)) as Record<string, unknown>;
    } catch (error) {
      if (isRefusal(error)) return { skipped: readable };
      throw error;
    }
  }
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event.payload)) {
    if (key === 'record' || key === 'previous' || key === 'entity' || key === 'id' || fields.has(key))
      continue;
    if (key === `${subject.entity}Id`) continue;
    details[key] = value;
  }
  if (event.name === 'entity.updated') {
    const before = (event.payload.previous ?? {}) as Record<string, unknown>;
    const after = (event.payload.record ?? {}) as Record<string, unknown>;
    details.changed = Object.keys(after).filter(
      (key) =>
        key in data &&
        !['updatedAt', 'version'].includes(key) &&
        JSON.stringify(after[key]) !== JSON.stringify(before[key]),
    );
  }
  return { body: { ...head, data, details } };
}
