/** The id of the BSC plugin: prefixes its metric, job, service token and error rules. */
export const BSC_PLUGIN_ID = 'bsc';
