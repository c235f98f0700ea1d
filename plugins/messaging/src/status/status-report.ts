import {
  createSchemaCompiler,
  dateTime,
  enumOf,
  fieldError,
  isoTime,
  type JsonSchemaObject,
  type Kernel,
  type KernelTransaction,
  missing,
  ref,
  SYSTEM_ACTOR,
  text,
  ValidationError,
} from '@rapport/core';
import { suppress } from '../delivery/record-outcome.js';
import type { ChannelAccountRecord } from '../entities/channel-account.js';
import type { Consent } from '../entities/consent.js';
import type { DeliveryEvent } from '../entities/delivery-event.js';
import type { Message, MessageRecord } from '../entities/message.js';
import type { MessageStatus } from '../vocabulary.js';
import { reportMoves } from './transitions.js';

/** What a provider reports about a message it was given. */
export interface StatusReport {
  /** Our message id (adapters pass it as the provider's reference), or: */
  messageId?: string;
  /** The provider's id of the message. */
  providerMessageId?: string;
  /** `complaint`: the recipient marked it as spam (the status stays; the address is suppressed). */
  status: 'sent' | 'delivered' | 'failed' | 'bounced' | 'complaint';
  errorCode?: string;
  detail?: string;
  /** When it happened at the provider. */
  at?: string;
}

/** The JSON Schema of {@link StatusReport}. */
export const STATUS_REPORT_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    messageId: ref,
    providerMessageId: text(500),
    status: enumOf(['sent', 'delivered', 'failed', 'bounced', 'complaint']),
    errorCode: text(100),
    detail: text(2_000),
    at: dateTime,
  },
  required: ['status'],
  additionalProperties: false,
};

const check = createSchemaCompiler()(STATUS_REPORT_SCHEMA);

/** Checks a report's shape; a `ValidationError` naming the field otherwise. */
export function checkStatusReport(body: unknown): StatusReport {
  const copy = structuredClone(body);
  const errors = check(copy);
  if (errors.length > 0) {
    throw new ValidationError(
      `invalid status report: ${errors[0]?.path || '(body)'} ${errors[0]?.message}`,
      errors,
    );
  }
  const report = copy as StatusReport;
  if (!report.messageId && !report.providerMessageId) {
    throw fieldError('statusReport', 'providerMessageId', 'required', 'give providerMessageId or messageId');
  }
  return report;
}

/** What applying a report did. */
export interface ReportResult {
  messageId?: string;
  /** The status before and after: equal when the report did not move it (late, or stale). */
  from?: MessageStatus;
  to?: MessageStatus;
  found: boolean;
}

async function findMessage(
  tx: KernelTransaction,
  account: ChannelAccountRecord,
  report: StatusReport,
): Promise<MessageRecord | undefined> {
  const messages = tx.data<Message>('message', { actor: SYSTEM_ACTOR });
  if (report.providerMessageId) {
    const { items } = await messages.find({
      where: { accountId: account.id, providerMessageId: report.providerMessageId },
      limit: 1,
    });
    if (items[0]) return items[0] as MessageRecord;
  }
  if (report.messageId) {
    const message = (await messages.get(report.messageId).catch(missing)) as MessageRecord | undefined;
    if (message?.accountId === account.id) return message;
  }
  return undefined;
}

/**
 * Applies a provider's status report to a message of `account`, in one transaction: the report is
 * always logged; the status moves only forward ({@link reportMoves}: a late `sent` never
 * overwrites `delivered`, nothing changes a final status); a bounce suppresses the address; a
 * complaint suppresses it and opts the customer out of marketing; a failure whose error code the
 * account lists in `settings.optedOutCodes` (carriers report opt-outs so) opts them out.
 */
export async function applyStatusReport(
  kernel: Kernel,
  account: ChannelAccountRecord,
  report: StatusReport,
): Promise<ReportResult> {
  return kernel.transaction(async (tx) => {
    const message = await findMessage(tx, account, report);
    if (!message) return { found: false };
    const now = kernel.clock.now();
    const at = report.at ?? isoTime(now);
    const from = message.status;
    let to = from;
    const optedOutCodes = Array.isArray(account.settings?.optedOutCodes)
      ? (account.settings.optedOutCodes as unknown[]).map(String)
      : [];
    const optedOut =
      report.status === 'failed' &&
      report.errorCode !== undefined &&
      optedOutCodes.includes(report.errorCode);
    if (report.status !== 'complaint' && reportMoves(from, report.status)) {
      const patch: Partial<Message> = { status: report.status, leaseUntil: null as never };
      if (report.status === 'delivered') patch.deliveredAt = at;
      if (report.status === 'sent') patch.sentAt = message.sentAt ?? at;
      if (report.status === 'failed' || report.status === 'bounced') {
        patch.failedAt = at;
        const detail =
          `${report.errorCode ? `${report.errorCode} ` : ''}${report.detail ?? ''}`.trim() ||
          `the provider reported ${report.status}`;
        patch.lastError = detail.slice(0, 2_000);
        patch.reason = {
          code: optedOut
            ? 'provider.optedOut'
            : report.status === 'bounced'
              ? 'provider.bounce'
              : 'provider.failed',
          message: detail.slice(0, 1_000),
        };
      }
      to = (await tx.data<Message>('message', { actor: SYSTEM_ACTOR }).update(message.id, patch)).status;
    }
    if (report.status === 'bounced' || report.status === 'complaint') {
      await suppress(tx, {
        channel: message.channel,
        address: message.to,
        reason: report.status === 'bounced' ? 'hard-bounce' : 'complaint',
        messageId: message.id,
        ...(report.detail ? { detail: report.detail } : {}),
      });
    }
    if ((report.status === 'complaint' || optedOut) && message.customerId) {
      await tx.data<Consent>('consent', { actor: SYSTEM_ACTOR }).create({
        customerId: message.customerId,
        channel: message.channel,
        purpose: 'marketing',
        state: 'out',
        source: report.status === 'complaint' ? 'complaint' : 'provider',
        address: message.to,
        messageId: message.id,
      });
    }
    await tx.data<DeliveryEvent>('deliveryEvent', { actor: SYSTEM_ACTOR }).create({
      messageId: message.id,
      kind: 'callback',
      at: isoTime(now),
      status: to,
      outcome: to === from && report.status !== 'complaint' ? `${report.status}.ignored` : report.status,
      ...(report.detail ? { answer: report.detail } : {}),
      ...(report.errorCode ? { errorCode: report.errorCode } : {}),
      ...(report.providerMessageId ? { providerMessageId: report.providerMessageId } : {}),
    });
    return { messageId: message.id, from, to, found: true };
  });
}
