import { ConflictError, type RegisterContext, type WriteContext } from '@rapport/core';
import type { Message, MessageRecord } from '../entities/message.js';
import type { MessagingOptions } from '../options.js';
import { MESSAGING_PLUGIN_ID } from '../plugin-id.js';
import { MESSAGE_QUEUED, MESSAGE_RECEIVED, messageStatusEvent } from './message-events.js';
import { canMove } from './transitions.js';

const EVENTFUL = new Set(['sent', 'delivered', 'failed', 'bounced', 'suppressed']);

function statusPayload(message: MessageRecord): Record<string, unknown> {
  return {
    id: message.id,
    channel: message.channel,
    purpose: message.purpose,
    status: message.status,
    accountId: message.accountId,
    ...(message.customerId ? { customerId: message.customerId } : {}),
    ...(message.reason ? { reason: message.reason } : {}),
    ...(message.source ? { source: message.source } : {}),
    ...(message.threadKey ? { threadKey: message.threadKey } : {}),
  };
}

function emitFor(message: MessageRecord, write: WriteContext<Message>, changed: boolean): void {
  if (message.status === 'queued' && changed && write.operation === 'create') {
    if (!message.nextAttemptAt || Date.parse(message.nextAttemptAt) <= write.now()) {
      write.emit(MESSAGE_QUEUED, { id: message.id });
    }
    return;
  }
  if (message.status === 'received' && write.operation === 'create') {
    write.emit(MESSAGE_RECEIVED, {
      id: message.id,
      channel: message.channel,
      accountId: message.accountId,
      from: message.from,
      to: message.to,
      text: message.text,
      ...(message.subject ? { subject: message.subject } : {}),
      ...(message.customerId ? { customerId: message.customerId } : {}),
      ...(message.threadKey ? { threadKey: message.threadKey } : {}),
      ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
    });
    return;
  }
  if (changed && EVENTFUL.has(message.status))
    write.emit(messageStatusEvent(message.status), statusPayload(message));
}

/**
 * Messages: a status only moves along {@link canMove}'s table (a write that would move it back
 * is a 409, whoever makes it); each change to `sent`, `delivered`, `failed`, `bounced` or
 * `suppressed` emits `messaging.message.<status>`, an inbound message `messaging.message.received`,
 * and a message queued to go now `messaging.message.queued`, which delivery handles.
 */
export function tapMessageRules(ctx: RegisterContext<MessagingOptions>): void {
  const hooks = ctx.hooks.entity<Message>('message');
  hooks.validate.tapPromise(MESSAGING_PLUGIN_ID, async (write) => {
    if (write.operation !== 'update' || !write.previous) return;
    const from = write.previous.status;
    const to = write.record.status;
    if (!canMove(from, to)) {
      throw ConflictError.state(`message ${write.record.id} cannot go from ${from} back to ${to}`, {
        entity: 'message',
        id: write.record.id,
        status: from,
        requested: to,
      });
    }
  });
  hooks.afterCreate.tapPromise(MESSAGING_PLUGIN_ID, async (record, write) =>
    emitFor(record as MessageRecord, write, true),
  );
  hooks.afterUpdate.tapPromise(MESSAGING_PLUGIN_ID, async (record, write) =>
    emitFor(record as MessageRecord, write, write.previous?.status !== record.status),
  );
}
