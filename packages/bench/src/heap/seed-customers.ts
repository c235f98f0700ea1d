import { type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import { demoBundles } from '@rapport/plugin-customers/demo';

/** Customers written per transaction (the HTTP target preloads the same way). */
const BATCH = 500;

/**
 * Writes `count` of the customers plugin's deterministic demo customers (the customer records
 * only) through the kernel, so each one also gets its audit record: validation, identity
 * normalisation, hooks and audit, as a server would.
 */
export async function seedCustomers(kernel: Kernel, count: number): Promise<void> {
  let batch: Record<string, unknown>[] = [];
  const flush = async (): Promise<void> => {
    const records = batch;
    batch = [];
    await kernel.transaction(async (tx) => {
      const repo = tx.data('customer', { actor: SYSTEM_ACTOR });
      for (const record of records) await repo.create(record);
    });
  };
  for (const bundle of demoBundles({ count, seed: 7 })) {
    batch.push(bundle.customer.record as unknown as Record<string, unknown>);
    if (batch.length === BATCH) await flush();
  }
  if (batch.length > 0) await flush();
}
