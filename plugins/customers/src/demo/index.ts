/**
 * `@rapport/plugin-customers/demo`: deterministic demo data for the customers plugin — generators
 * (same seed, same data) and seeders that write through the data API, as the quickstart and the
 * benchmarks use them. Not needed by a deployment.
 */
export {
  type DemoBundle,
  type DemoContact,
  type DemoCustomer,
  type DemoData,
  type DemoInteraction,
  type DemoOptions,
  type DemoValue,
  demoBundles,
  generateDemoBundle,
  generateDemoCustomers,
} from './generate-demo.js';
export { type SeedOptions, type SeedReport, seedDemoCustomers } from './seed-demo.js';
