import { type JsonSchemaObject, list, text, toMilliseconds } from '@rapport/core';
import { CAP_WINDOWS, type CapWindow, CHANNELS, type Channel } from './vocabulary.js';

/** At most `max` marketing messages per customer in a rolling window, across every sender. */
export interface FrequencyCap {
  /** At least 1: a cap of 0 would block every send (Mautic #10416). */
  max: number;
  /** `day` = the last 24 hours, `week` = 7 days, `month` = 30 days, rolling. */
  window: CapWindow;
  /** The channel it counts; every channel together when absent. */
  channel?: Channel;
}

/** Local hours in which marketing is not sent (deferred to `end`), in the customer's time zone. */
export interface QuietHours {
  /** `HH:MM`, 24-hour: the quiet time begins. */
  start: string;
  /** `HH:MM`: it ends; before `start` means it ends on the next day (`21:00`–`08:00`). */
  end: string;
}

/** Options of the messaging plugin, as it sees them (defaults applied). */
export interface MessagingOptions {
  /**
   * The public base URL of the server (`https://crm.example.com`): unsubscribe links and the
   * `List-Unsubscribe` header are built on it. Marketing e-mail is refused without it.
   */
  publicUrl?: string;
  /** The ISO 3166 region national phone numbers are read in (as the customers plugin's option). */
  defaultRegion?: string;
  /** Attempts before a message is `failed` (default 5). */
  maxAttempts: number;
  /** The first retry's delay, doubled per attempt (a duration; default `30s`). */
  retryBase: string;
  /** The longest retry delay (default `1h`). */
  retryMax: string;
  /** How long one adapter call may take before it counts as failed (default `30s`). */
  sendTimeout: string;
  /**
   * How long a message stays `sending` before another process may try it again (default `2m`):
   * what a crash between the provider's answer and its record costs in delay.
   */
  sendingLease: string;
  /** Adapter calls in flight at once in this process (default 8): the bound on crash duplicates. */
  concurrency: number;
  /** How often due, deferred and retried messages are looked for (default `30s`). */
  sweepEvery: string;
  /** Marketing frequency caps per customer (default none). */
  frequencyCaps: FrequencyCap[];
  /** Quiet hours for marketing, or `false` for none (default `21:00`–`08:00`). */
  quietHours: QuietHours | false;
  /** The time zone of customers without one (default: the deployment's). */
  defaultTimeZone?: string;
  /** How long an unsubscribe link works (default `180d`, at most `366d`). */
  unsubscribeLinkTtl: string;
  /** Single-word replies that opt the sender out (default STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, 退订, TD). */
  optOutKeywords: string[];
  /** Confirm an opt-out by keyword with one transactional reply (default true). */
  confirmOptOut: boolean;
  /** An inbound SMS joins the thread of the latest outbound message to that number within this time (default `7d`). */
  smsThreadWindow: string;
}

/** What `messaging(...)` takes: any option; the rest default. */
export type MessagingInput = Partial<MessagingOptions>;

const DURATION = { type: 'string', pattern: '^\\d+(ms|s|m|h|d)$', maxLength: 20 };
const LOCAL_TIME = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', minLength: 5, maxLength: 5 };

/** The default opt-out words: the FCC's and Twilio's English ones, and 退订 / TD used in China. */
export const DEFAULT_OPT_OUT_KEYWORDS = [
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  '退订',
  'TD',
];

/** The JSON Schema of {@link MessagingOptions}, with its defaults. */
export const OPTIONS_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    publicUrl: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 500 },
    defaultRegion: { type: 'string', pattern: '^[A-Z]{2}$', minLength: 2, maxLength: 2 },
    maxAttempts: { type: 'integer', minimum: 1, maximum: 50, default: 5 },
    retryBase: { ...DURATION, default: '30s' },
    retryMax: { ...DURATION, default: '1h' },
    sendTimeout: { ...DURATION, default: '30s' },
    sendingLease: { ...DURATION, default: '2m' },
    concurrency: { type: 'integer', minimum: 1, maximum: 256, default: 8 },
    sweepEvery: { ...DURATION, default: '30s' },
    frequencyCaps: {
      ...list(
        {
          type: 'object',
          properties: {
            max: { type: 'integer', minimum: 1, maximum: 10_000 },
            window: { type: 'string', enum: [...CAP_WINDOWS] },
            channel: { type: 'string', enum: [...CHANNELS] },
          },
          required: ['max', 'window'],
          additionalProperties: false,
        },
        20,
      ),
      default: [],
    },
    quietHours: {
      oneOf: [
        {
          type: 'object',
          properties: { start: LOCAL_TIME, end: LOCAL_TIME },
          required: ['start', 'end'],
          additionalProperties: false,
        },
        { const: false },
      ],
      default: { start: '21:00', end: '08:00' },
    },
    defaultTimeZone: text(64),
    unsubscribeLinkTtl: { ...DURATION, default: '180d' },
    optOutKeywords: { ...list(text(30), 50, { minItems: 1 }), default: DEFAULT_OPT_OUT_KEYWORDS },
    confirmOptOut: { type: 'boolean', default: true },
    smsThreadWindow: { ...DURATION, default: '7d' },
  },
  additionalProperties: false,
};

/** Rules across options, run in the options phase: durations that must relate to each other. */
export function optionProblems(options: MessagingOptions): string[] {
  const problems: string[] = [];
  const ms = (name: keyof MessagingOptions) => toMilliseconds(String(options[name]));
  if (ms('retryMax') < ms('retryBase')) {
    problems.push(`retryMax (${options.retryMax}) must not be shorter than retryBase (${options.retryBase})`);
  }
  if (ms('sendingLease') <= ms('sendTimeout')) {
    problems.push(
      `sendingLease (${options.sendingLease}) must be longer than sendTimeout (${options.sendTimeout}), or a slow send would be tried twice`,
    );
  }
  if (ms('unsubscribeLinkTtl') > 366 * 86_400_000) {
    problems.push(`unsubscribeLinkTtl (${options.unsubscribeLinkTtl}) may be at most 366d`);
  }
  if (options.quietHours && options.quietHours.start === options.quietHours.end) {
    problems.push(`quietHours start and end (${options.quietHours.start}) must differ`);
  }
  return problems;
}
