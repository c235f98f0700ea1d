/**
 * The closed vocabularies of the messaging plugin. Each is an `as const` tuple (used by the JSON
 * Schemas) and a union type (used by the code).
 */

/** What a channel carries. Consent, opt-out keywords and suppression are kept per channel. */
export const CHANNELS = ['email', 'sms', 'webhook'] as const;
/** @see CHANNELS */
export type Channel = (typeof CHANNELS)[number];

/** Why a message is sent: marketing needs the customer's opt-in; transactional does not. */
export const PURPOSES = ['transactional', 'marketing'] as const;
/** @see PURPOSES */
export type Purpose = (typeof PURPOSES)[number];

/** Which way a message went. */
export const DIRECTIONS = ['outbound', 'inbound'] as const;
/** @see DIRECTIONS */
export type Direction = (typeof DIRECTIONS)[number];

/**
 * A message's status. Outbound: `queued` → `sending` → `sent` → `delivered`, or one of the
 * terminal `failed`, `bounced`, `suppressed`. Inbound messages are `received`.
 */
export const MESSAGE_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'bounced',
  'suppressed',
  'received',
] as const;
/** @see MESSAGE_STATUSES */
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Whether a customer agreed to (`in`) or refused (`out`) messages of a purpose on a channel. */
export const CONSENT_STATES = ['in', 'out'] as const;
/** @see CONSENT_STATES */
export type ConsentState = (typeof CONSENT_STATES)[number];

/** Where a consent change came from. */
export const CONSENT_SOURCES = [
  'form',
  'keyword',
  'import',
  'unsubscribe-link',
  'provider',
  'complaint',
  'api',
  'demo',
] as const;
/** @see CONSENT_SOURCES */
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** Why an address is never sent to. */
export const SUPPRESSION_REASONS = ['hard-bounce', 'complaint', 'opt-out', 'manual'] as const;
/** @see SUPPRESSION_REASONS */
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** The adapters shipped with the plugin; more can be added with the `adapters` option. */
export const BUILT_IN_ADAPTERS = ['log', 'smtp', 'sms-gateway', 'webhook'] as const;

/** Whether a channel account may be used. */
export const ACCOUNT_STATUSES = ['active', 'paused'] as const;
/** @see ACCOUNT_STATUSES */
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** What a delivery event records: a send attempt, or a provider's status report. */
export const DELIVERY_EVENT_KINDS = ['attempt', 'callback', 'rule'] as const;
/** @see DELIVERY_EVENT_KINDS */
export type DeliveryEventKind = (typeof DELIVERY_EVENT_KINDS)[number];

/** Rolling windows of a frequency cap. */
export const CAP_WINDOWS = ['day', 'week', 'month'] as const;
/** @see CAP_WINDOWS */
export type CapWindow = (typeof CAP_WINDOWS)[number];

/** The template locales every deployment can rely on; others may be added. */
export const TEMPLATE_LOCALES = ['en', 'zh-Hans'] as const;
