/**
 * `@rapport/plugin-bsc/demo`: a deterministic demo scorecard — a monthly scorecard from the
 * customer-intimacy template, manual learning-and-growth readings, initiatives and a year of
 * closed periods — as the quickstart uses it. Not needed by a deployment.
 */
export { type SeedBscOptions, type SeedBscReport, seedDemoBsc } from './seed-demo.js';
