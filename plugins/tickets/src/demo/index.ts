/**
 * `@rapport/plugin-tickets/demo`: deterministic demo data for the tickets plugin — a business
 * calendar, a team, SLA policies, an escalation rule and tickets across every status with replies
 * and ratings — as the quickstart uses it. Not needed by a deployment.
 */
export { type SeedTicketsOptions, type SeedTicketsReport, seedDemoTickets } from './seed-demo.js';
