/** Emitted after a consent change: `{ id, customerId, channel, purpose, state, source }`. */
export const CONSENT_CHANGED = 'messaging.consent.changed';
