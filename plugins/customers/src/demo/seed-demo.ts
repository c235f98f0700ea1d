import { type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { Customer } from '../entities/customer.js';
import { CUSTOMERS } from '../service.js';
import { type DemoBundle, type DemoOptions, demoBundles } from './generate-demo.js';

/** Options of {@link seedDemoCustomers}. */
export interface SeedOptions extends Partial<DemoOptions> {
  /** Customers written per transaction. Default 50. */
  batchSize?: number;
  /** Seed even when customers exist. Default false: seeding is a no-op then. */
  force?: boolean;
  /** Run the recompute (ABC, RFM, lifecycle) when done. Default true. */
  recompute?: boolean;
  /** Called after each batch with the customers written so far. */
  onProgress?(written: number, total: number): void;
}

/** What {@link seedDemoCustomers} wrote. */
export interface SeedReport {
  skipped: boolean;
  customers: number;
  contacts: number;
  interactions: number;
  values: number;
  ms: number;
}

async function writeBundle(tx: Parameters<Parameters<Kernel['transaction']>[0]>[0], bundle: DemoBundle) {
  const data = <T>(entity: string) => tx.data<T>(entity, { actor: SYSTEM_ACTOR });
  const customer = await data<Customer>('customer').create(bundle.customer.record);
  const contactIds = new Map<string, string>();
  for (const contact of bundle.contacts) {
    const created = await data('contact').create({ ...contact.record, customerId: customer.id });
    contactIds.set(contact.ref, created.id);
  }
  for (const interaction of bundle.interactions) {
    const contactId = interaction.contactRef ? contactIds.get(interaction.contactRef) : undefined;
    await data('interaction').create({
      ...interaction.record,
      customerId: customer.id,
      ...(contactId ? { contactId } : {}),
    });
  }
  for (const value of bundle.values) {
    await data('customerValue').create({
      customerId: customer.id,
      amount: value.amount,
      at: value.at,
      kind: 'purchase',
    });
  }
}

/**
 * Writes demo customers (see `generateDemoCustomers`) into a kernel as the system, in batches of
 * one transaction each, with their contacts, interactions and purchases; then recomputes ABC,
 * RFM and lifecycle. The history is dated against the kernel clock unless `now` is given. A
 * no-op when customers already exist (unless `force`), so a quickstart can call it on every start.
 *
 * @example
 * ```ts
 * await seedDemoCustomers(kernel, { count: 1000, seed: 1 });
 * ```
 */
export async function seedDemoCustomers(kernel: Kernel, options: SeedOptions = {}): Promise<SeedReport> {
  const started = performance.now();
  const report: SeedReport = { skipped: false, customers: 0, contacts: 0, interactions: 0, values: 0, ms: 0 };
  if (!options.force && (await kernel.data('customer', { actor: SYSTEM_ACTOR }).count()) > 0) {
    return { ...report, skipped: true };
  }
  const count = options.count ?? 1000;
  const batchSize = options.batchSize ?? 50;
  const bundles = demoBundles({
    count,
    seed: options.seed ?? 1,
    now: options.now ?? kernel.clock.now(),
    ...(options.currency ? { currency: options.currency } : {}),
    ...(options.months ? { months: options.months } : {}),
  });
  let batch: DemoBundle[] = [];
  const flush = async () => {
    const current = batch;
    batch = [];
    await kernel.transaction(async (tx) => {
      for (const bundle of current) await writeBundle(tx, bundle);
    });
    for (const bundle of current) {
      report.customers += 1;
      report.contacts += bundle.contacts.length;
      report.interactions += bundle.interactions.length;
      report.values += bundle.values.length;
    }
    options.onProgress?.(report.customers, count);
  };
  for (const bundle of bundles) {
    batch.push(bundle);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  if (options.recompute !== false) await kernel.resolve(CUSTOMERS).recompute();
  await kernel.events.drain();
  report.ms = Math.round(performance.now() - started);
  return report;
}
