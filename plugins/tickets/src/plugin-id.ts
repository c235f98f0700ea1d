/** The tickets plugin's id: it names its taps, tokens, events (`tickets.sla.breached`), metrics and jobs. */
export const TICKETS_PLUGIN_ID = 'tickets';
