/** The webhooks plugin's id: it names its taps, tokens, jobs, events (`webhooks.subscription.disabled`) and metrics. */
export const WEBHOOKS_PLUGIN_ID = 'webhooks';
