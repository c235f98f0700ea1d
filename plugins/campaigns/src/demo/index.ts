/**
 * `@rapport/plugin-campaigns/demo`: demo data for the campaigns plugin — topics and followers, a
 * completed win-back campaign with a control group and results, a birthday care rule — as the
 * quickstart uses it. Not needed by a deployment.
 */
export {
  DEMO_CAMPAIGN_TEMPLATES,
  DEMO_TOPICS,
  type SeedCampaignsOptions,
  type SeedCampaignsReport,
  seedDemoCampaigns,
} from './seed-demo.js';
