/**
 * `@rapport/example-hello-plugin/demo`: demo data for the hello plugin, written through the data
 * API. Not needed by a deployment.
 */
export { DEMO_PEOPLE, type SeedHelloOptions, type SeedHelloReport, seedHelloDemo } from './seed-demo.js';
