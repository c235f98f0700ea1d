/**
 * `@rapport/plugin-sales/demo`: deterministic demo data for the sales plugin — generators
 * (same seed, same data) and seeders that write through the data API, as the quickstart and the
 * benchmarks use them. Not needed by a deployment.
 */
export {
  type DemoCustomerRef,
  type DemoDeal,
  type DemoSalesOptions,
  generateDemoLeads,
  generateDemoSales,
} from './generate-demo.js';
export { type SeedSalesOptions, type SeedSalesReport, seedDemoSales } from './seed-demo.js';
