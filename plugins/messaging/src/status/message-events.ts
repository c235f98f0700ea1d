/** Emitted when a message is queued to go now: `{ id }` (the plugin's own delivery listens). */
export const MESSAGE_QUEUED = 'messaging.message.queued';
/** The domain events of a message's status, `messaging.message.<status>`: `{ id, channel, purpose, customerId?, status, reason?, source?, threadKey? }`. */
export const messageStatusEvent = (status: string): string => `messaging.message.${status}`;
/** Emitted when an inbound message arrives: `{ id, channel, accountId, customerId?, from, to, subject?, text, threadKey?, inReplyTo?, optOut }`. */
export const MESSAGE_RECEIVED = 'messaging.message.received';
