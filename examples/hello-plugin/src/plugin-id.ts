/** One plugin id names the taps, events, metrics, jobs, views and errors of this plugin. */
export const HELLO_PLUGIN_ID = 'hello';
