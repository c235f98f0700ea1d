/** The sales plugin's id: it names its taps, tokens, events (`sales.deal.won`), metrics and jobs. */
export const SALES_PLUGIN_ID = 'sales';
