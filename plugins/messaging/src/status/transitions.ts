import type { MessageStatus } from '../vocabulary.js';

/** How far along a message is; a provider's report only ever moves it to a higher rank. */
export const STATUS_RANK: Readonly<Record<MessageStatus, number>> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  failed: 4,
  bounced: 4,
  suppressed: 4,
  received: 0,
};

/**
 * Every status change a message may make. `sending → queued` is a retry and `sending →
 * sending` a new attempt after a lost one (both the plugin's own); `delivered`, `failed`,
 * `bounced`, `suppressed` and `received` are final.
 */
export const TRANSITIONS: Readonly<Record<MessageStatus, readonly MessageStatus[]>> = {
  queued: ['queued', 'sending', 'suppressed', 'failed'],
  sending: ['sending', 'queued', 'sent', 'delivered', 'failed', 'bounced', 'suppressed'],
  sent: ['delivered', 'failed', 'bounced'],
  delivered: [],
  failed: [],
  bounced: [],
  suppressed: [],
  received: [],
};

/** May a message go from `from` to `to` at all? */
export function canMove(from: MessageStatus, to: MessageStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

/**
 * Whether a provider's status report moves a message on: only forward (a late `sent` never
 * overwrites `delivered`, a `delivered` after `failed` changes nothing), and only from a status
 * the provider has seen (`sending`, `sent`). Providers do not promise order (Meta's WhatsApp
 * webhooks, Twilio's callbacks); Chatwoot's Twilio status service sets whatever arrives.
 */
export function reportMoves(current: MessageStatus, reported: MessageStatus): boolean {
  return (
    reported !== current &&
    TRANSITIONS[current].includes(reported) &&
    STATUS_RANK[reported] > STATUS_RANK[current]
  );
}
