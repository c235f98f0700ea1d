/**
 * `@rapport/plugin-messaging/demo`: deterministic demo data for the messaging plugin — log-adapter
 * accounts, templates in English and Simplified Chinese, and marketing consents for the demo
 * customers — as the quickstart uses it. Not needed by a deployment.
 */
export { DEMO_ACCOUNTS, DEMO_TEMPLATES } from './demo-templates.js';
export { type SeedMessagingOptions, type SeedMessagingReport, seedDemoMessaging } from './seed-demo.js';
