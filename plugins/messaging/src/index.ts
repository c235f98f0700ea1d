export { AdapterRegistry, MESSAGING_ADAPTERS } from './adapters/adapter-registry.js';
export {
  type AdapterAccount,
  type AdapterConnection,
  type AdapterContext,
  type Envelope,
  type MessagingAdapter,
  SendFailure,
  type SendFailureKind,
  type SendResult,
} from './adapters/adapter-types.js';
export { logAdapter } from './adapters/log-adapter.js';
export { mapBody, smsGatewayAdapter } from './adapters/sms-gateway-adapter.js';
export { smtpAdapter, smtpFailure } from './adapters/smtp-adapter.js';
export { webhookAdapter } from './adapters/webhook-adapter.js';
export { CONSENT_CHANGED } from './consent/consent-events.js';
export { type OptOut, optOut } from './consent/opt-out.js';
export {
  type ChannelAccount,
  ChannelAccountEntity,
  type ChannelAccountRecord,
  type ChannelSecret,
  ChannelSecretEntity,
} from './entities/channel-account.js';
export { type Consent, ConsentEntity, type ConsentRecord } from './entities/consent.js';
export {
  type DeliveryEvent,
  DeliveryEventEntity,
  type DeliveryEventRecord,
} from './entities/delivery-event.js';
export {
  type Message,
  MessageEntity,
  type MessageRecord,
  type MessageSource,
  type StatusReason,
} from './entities/message.js';
export {
  type MessageTemplate,
  MessageTemplateEntity,
  type MessageTemplateRecord,
} from './entities/message-template.js';
export { type Suppression, SuppressionEntity, type SuppressionRecord } from './entities/suppression.js';
export { INBOUND_MESSAGE_SCHEMA, type InboundMessage } from './inbound/inbound-message.js';
export { isOptOutReply } from './inbound/opt-out-keywords.js';
export type { Received } from './inbound/receive-message.js';
export { type MessagingPluginFactory, messaging } from './messaging-plugin.js';
export {
  DEFAULT_OPT_OUT_KEYWORDS,
  type FrequencyCap,
  type MessagingInput,
  type MessagingOptions,
  type QuietHours,
} from './options.js';
export { MESSAGING_PLUGIN_ID } from './plugin-id.js';
export { quietUntil } from './send/quiet-hours.js';
export { SEND_REQUEST_SCHEMA, type SendOutcome, type SendRequest } from './send/send-request.js';
export { type ConsentSummary, MESSAGING, type MessagingService } from './service.js';
export { MESSAGE_QUEUED, MESSAGE_RECEIVED, messageStatusEvent } from './status/message-events.js';
export { type ReportResult, STATUS_REPORT_SCHEMA, type StatusReport } from './status/status-report.js';
export { canMove, reportMoves, STATUS_RANK } from './status/transitions.js';
export { CUSTOMER_MERGE_FIELDS } from './templates/merge-fields.js';
export { UNSUBSCRIBE_PURPOSE } from './unsubscribe/unsubscribe-links.js';
export * from './vocabulary.js';
