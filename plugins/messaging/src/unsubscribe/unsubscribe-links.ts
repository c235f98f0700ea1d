import { MESSAGING_PLUGIN_ID } from '../plugin-id.js';

/** The link purpose of unsubscribe links: reusable (a person may come back), one per message sent. */
export const UNSUBSCRIBE_PURPOSE = `${MESSAGING_PLUGIN_ID}.unsubscribe`;

/** Where the unsubscribe page is mounted, below `/p/messaging`. */
export const UNSUBSCRIBE_PATH = 'unsubscribe';

/** The unsubscribe URL of a token: `<publicUrl>/p/messaging/unsubscribe/<token>`. */
export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/p/${MESSAGING_PLUGIN_ID}/${UNSUBSCRIBE_PATH}/${token}`;
}
