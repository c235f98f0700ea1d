/** The loyalty plugin's id: it names its taps, tokens, events (`loyalty.points.earned`) and jobs. */
export const LOYALTY_PLUGIN_ID = 'loyalty';
