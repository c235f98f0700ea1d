/** The campaigns plugin's id: it names its taps, tokens, events (`campaigns.campaign.completed`), metrics and jobs. */
export const CAMPAIGNS_PLUGIN_ID = 'campaigns';
