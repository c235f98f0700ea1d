import { createKernel, memoryStore } from '@rapport/core';
import { customers } from '../customers-plugin.js';
import { CUSTOMERS } from '../service.js';
import { demoBundles } from './generate-demo.js';
import { seedDemoCustomers } from './seed-demo.js';

/**
 * `node dist/demo/customers-bench.js [generate sizes] [seed size]`: times the demo generator at
 * each size (default 10000,100000), then seeding and a full recompute into a memory-store kernel
 * at the seed size (default 2000). Prints one line per measurement; not a test.
 */
async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '10000,100000').split(',').map(Number);
  const seedSize = Number(process.argv[3] ?? 2000);
  for (const count of sizes) {
    const started = performance.now();
    let interactions = 0;
    let values = 0;
    for (const bundle of demoBundles({ count, seed: 1 })) {
      interactions += bundle.interactions.length;
      values += bundle.values.length;
    }
    const ms = performance.now() - started;
    console.log(
      `generate ${count} customers (${interactions} interactions, ${values} purchases): ${ms.toFixed(0)} ms`,
    );
  }
  const kernel = await createKernel({
    store: memoryStore(),
    plugins: [customers()],
    logger: { level: 'silent' },
    jobs: { timer: false },
  });
  await kernel.start();
  const report = await seedDemoCustomers(kernel, { count: seedSize, seed: 1, recompute: false });
  console.log(
    `seed ${seedSize} customers into the memory store: ${report.ms} ms (${report.interactions + report.values + report.contacts + report.customers} writes)`,
  );
  const summary = await kernel.resolve(CUSTOMERS).recompute();
  console.log(`recompute ${summary.customers} customers: ${summary.ms} ms, ${summary.updated} updated`);
  const again = await kernel.resolve(CUSTOMERS).recompute();
  console.log(`recompute again (nothing changed): ${again.ms} ms, ${again.updated} updated`);
  await kernel.stop();
}

await main();
