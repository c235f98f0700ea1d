import { fieldError, isoTime, isSystemActor, type RegisterContext, type WriteContext } from '@rapport/core';
import type { Asset } from '../entities/asset.js';
import { COMPUTED_TICKET_FIELDS, type Ticket, type TicketRecord } from '../entities/ticket.js';
import type { TicketStatusChange } from '../entities/ticket-status-change.js';
import { lastActivity, NO_UPDATE_EVENT, nextChange, quietDeadlines } from '../escalation/no-update.js';
import type { TicketsOptions } from '../options.js';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';
import type { TargetState } from '../sla/sla-target.js';
import type { TicketSla } from '../sla/ticket-sla.js';
import { TicketsTapStage } from '../tap-stages.js';
import type { TicketStatus } from '../vocabulary.js';
import {
  computeSlaFields,
  type SlaFields,
  type SystemRepos,
  slaReplies,
  statusHistory,
} from './sla-fields.js';
import { transitionProblem } from './status-machine.js';

const SLA_KEYS = COMPUTED_TICKET_FIELDS.filter((field) => field !== 'reference');

/** The record with its SLA fields replaced by `fields` (absent ones removed). */
export function withSlaFields<T extends Ticket>(record: T, fields: SlaFields): T {
  const next = { ...record } as Record<string, unknown>;
  for (const field of SLA_KEYS) delete next[field];
  return { ...next, ...fields } as T;
}

/**
 * A reference customers can quote: `T-` and the last `length` characters of the id (eight by
 * default; the random tail of a UUIDv7, so short to read but not unique forever).
 */
export function ticketReference(id: string, length = 8): string {
  return `T-${id
    .replace(/[^a-zA-Z0-9]/g, '')
    .slice(-length)
    .toUpperCase()}`;
}

/**
 * The ticket's reference: eight characters, or twelve, then sixteen when a shorter one is taken
 * (eight random hex characters meet by chance once tens of thousands of tickets exist).
 */
export async function freeReference(system: SystemRepos, id: string): Promise<string> {
  for (const length of [8, 12, 16]) {
    const reference = ticketReference(id, length);
    if ((await system<Ticket>('ticket').count({ reference })) === 0) return reference;
  }
  return ticketReference(id, 32);
}

const TARGETS = ['firstResponse', 'resolution', 'nextResponse'] as const;

/** Emits `tickets.sla.atRisk` / `tickets.sla.breached` for each target that moved into that state. */
function emitSlaMoves(
  emit: (name: string, payload: Record<string, unknown>) => void,
  ticket: TicketRecord,
  before: TicketSla | undefined,
): void {
  for (const target of TARGETS) {
    const now: TargetState | undefined = ticket.sla?.[target];
    const was = before?.[target]?.status;
    if (!now || now.status === was) continue;
    if (now.status === 'atRisk' || now.status === 'breached') {
      emit(`${TICKETS_PLUGIN_ID}.sla.${now.status}`, {
        ticketId: ticket.id,
        target,
        ...(now.dueAt !== undefined ? { dueAt: isoTime(now.dueAt) } : {}),
        ...(ticket.team ? { team: ticket.team } : {}),
        ...(ticket.assigneeId ? { assigneeId: ticket.assigneeId } : {}),
        priority: ticket.priority ?? 'normal',
      });
    }
  }
}

/**
 * Rules of `ticket`: status moves follow the status machine (refused with a sentence); a resolved
 * ticket says how (`resolution`); an asset belongs to the ticket's customer. The plugin keeps the
 * reference, the status history (`ticketStatusChange`) and the SLA fields, computed from the
 * history on every write, and emits `tickets.ticket.created`, `tickets.ticket.statusChanged`,
 * `tickets.sla.atRisk` and `tickets.sla.breached`.
 */
export function tapTicketRules(ctx: RegisterContext<TicketsOptions>): void {
  const hooks = ctx.hooks.entity<Ticket>('ticket');
  hooks.validate.tapPromise({ name: TICKETS_PLUGIN_ID, stage: TicketsTapStage.checks }, async (write) => {
    if (write.operation === 'delete') return;
    const { record } = write;
    const previous = write.previous as TicketRecord | undefined;
    const from = (previous?.status ?? 'new') as TicketStatus;
    const to = (record.status ?? 'new') as TicketStatus;
    if (previous) {
      const problem = transitionProblem(from, to);
      if (problem) throw fieldError('ticket', 'status', 'tickets.transition', problem);
    } else if (to === 'reopened') {
      throw fieldError('ticket', 'status', 'tickets.transition', "cannot be 'reopened' on a new ticket");
    }
    if (to === 'resolved' && from !== 'resolved' && !record.resolution) {
      throw fieldError(
        'ticket',
        'resolution',
        'tickets.resolution',
        'is required when a ticket is resolved: say how',
      );
    }
    if (record.assetId && record.assetId !== previous?.assetId) {
      const asset = await write
        .system<Asset>('asset')
        .get(record.assetId)
        .catch(() => undefined);
      if (!asset)
        throw fieldError('ticket', 'assetId', 'tickets.asset', `names no asset (${record.assetId})`);
      if (asset.customerId !== record.customerId) {
        throw fieldError(
          'ticket',
          'assetId',
          'tickets.asset',
          "is an asset of another customer than the ticket's",
        );
      }
    }
  });

  hooks.beforeCreate.tapPromise(
    { name: TICKETS_PLUGIN_ID, stage: TicketsTapStage.derived },
    async (ticket, write) => {
      const system: SystemRepos = (entity) => write.system(entity);
      const now = write.now();
      const history = [{ status: ticket.status ?? 'new', at: now }];
      const fields = await computeSlaFields(system, ticket, history, [], now);
      await addQuietFields(system, ticket, fields, now, now);
      return { ...withSlaFields(ticket, fields), reference: await freeReference(system, ticket.id) };
    },
  );
  hooks.beforeUpdate.tapPromise(
    { name: TICKETS_PLUGIN_ID, stage: TicketsTapStage.derived },
    async (ticket, write) => {
      const system: SystemRepos = (entity) => write.system(entity);
      const now = write.now();
      const history = await statusHistory(system, ticket.id);
      if ((write.previous?.status ?? 'new') !== (ticket.status ?? 'new')) {
        history.push({ status: ticket.status ?? 'new', at: now });
      }
      const replies = await slaReplies(system, ticket.id);
      const fields = await computeSlaFields(system, ticket, history, replies, now);
      const previous = write.previous as TicketRecord | undefined;
      const since = lastActivity(
        Date.parse(previous?.lastActivityAt ?? ticket.createdAt),
        history,
        replies,
        isSystemActor(write.actor) ? undefined : now,
      );
      await addQuietFields(system, ticket, fields, since, now);
      return withSlaFields(ticket, fields);
    },
  );

  const recordStatus = async (ticket: TicketRecord, write: WriteContext<Ticket>, from?: TicketStatus) => {
    await write.system<TicketStatusChange>('ticketStatusChange').create({
      ticketId: ticket.id,
      ...(from ? { from } : {}),
      to: (ticket.status ?? 'new') as TicketStatus,
      at: isoTime(write.now()),
      actorId: write.actor.id,
    });
  };
  hooks.afterCreate.tapPromise(TICKETS_PLUGIN_ID, async (ticket, write) => {
    await recordStatus(ticket as TicketRecord, write);
    write.emit(`${TICKETS_PLUGIN_ID}.ticket.created`, {
      ticketId: ticket.id,
      customerId: ticket.customerId,
      type: ticket.type,
      priority: ticket.priority ?? 'normal',
    });
    emitSlaMoves(write.emit, ticket as TicketRecord, undefined);
  });
  hooks.afterUpdate.tapPromise(TICKETS_PLUGIN_ID, async (ticket, write) => {
    const previous = write.previous as TicketRecord | undefined;
    const from = (previous?.status ?? 'new') as TicketStatus;
    const to = (ticket.status ?? 'new') as TicketStatus;
    if (from !== to) {
      await recordStatus(ticket as TicketRecord, write, from);
      write.emit(`${TICKETS_PLUGIN_ID}.ticket.statusChanged`, { ticketId: ticket.id, from, to });
    }
    emitSlaMoves(write.emit, ticket as TicketRecord, previous?.sla);
    await emitQuiet(ticket as TicketRecord, write);
  });
}

/** Sets `lastActivityAt` and brings `slaNextChangeAt` forward to the next `noUpdate` deadline. */
async function addQuietFields(
  system: SystemRepos,
  ticket: Ticket,
  fields: SlaFields,
  since: number,
  now: number,
) {
  fields.lastActivityAt = isoTime(since);
  const deadlines = await quietDeadlines(system, { ...ticket, ...fields }, since);
  const next = nextChange(fields.slaNextChangeAt, deadlines, now);
  if (next) fields.slaNextChangeAt = next;
}

/**
 * After a system recompute (the SLA job's), a `noUpdate` deadline that has passed emits
 * `tickets.ticket.noUpdate`; the escalation fires once per rule and quiet stretch.
 */
async function emitQuiet(ticket: TicketRecord, write: WriteContext<Ticket>): Promise<void> {
  if (!isSystemActor(write.actor) || !ticket.lastActivityAt) return;
  const system: SystemRepos = (entity) => write.system(entity);
  const since = Date.parse(ticket.lastActivityAt);
  for (const deadline of await quietDeadlines(system, ticket, since)) {
    if (deadline.at > write.now()) continue;
    write.emit(NO_UPDATE_EVENT, { ticketId: ticket.id, rule: deadline.rule, since: ticket.lastActivityAt });
  }
}
