/** The messaging plugin's id: it names its taps, tokens, events (`messaging.message.sent`), metrics and jobs. */
export const MESSAGING_PLUGIN_ID = 'messaging';
