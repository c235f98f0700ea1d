/**
 * `@rapport/plugin-loyalty/demo`: demo data for the loyalty plugin — a programme with three tiers
 * and a reward catalogue, members among the demo customers, their order points and a few
 * redemptions — as the quickstart uses it. Not needed by a deployment.
 */
export {
  DEMO_PROGRAMME,
  DEMO_REWARDS,
  type SeedLoyaltyOptions,
  type SeedLoyaltyReport,
  seedDemoLoyalty,
} from './seed-demo.js';
