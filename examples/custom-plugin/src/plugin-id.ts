/** One plugin id names the taps, rules, link purpose, routes, metrics and views of this plugin. */
export const NPS_PLUGIN_ID = 'nps';
