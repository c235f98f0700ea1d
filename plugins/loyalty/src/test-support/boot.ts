import type { DataStore } from '@rapport/core';
import { type Customer, customers } from '@rapport/plugin-customers';
import { createTestKernel, type TestKernel } from '@rapport/testing';
import type { ExpiryPolicy, Programme, ProgrammeRecord } from '../entities/programme.js';
import { loyalty } from '../loyalty-plugin.js';
import { LOYALTY, type LoyaltyService } from '../service.js';

/** A booted kernel with the loyalty service and one programme. */
export interface LoyaltyTest extends TestKernel {
  service: LoyaltyService;
  programme: ProgrammeRecord;
}

/** Options of {@link bootLoyalty}. */
export interface BootOptions {
  store?: DataStore;
  now?: string;
  timeZone?: string;
  expiry?: ExpiryPolicy;
}

/** Boots customers + loyalty on a manual clock and creates a programme. */
export async function bootLoyalty(options: BootOptions = {}): Promise<LoyaltyTest> {
  const t = await createTestKernel({
    plugins: [customers({ currency: 'EUR', defaultRegion: 'DE' }), loyalty({ defaultRegion: 'DE' })],
    now: options.now ?? '2026-06-01T00:00:00.000Z',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.store ? { store: options.store } : {}),
  });
  const programme = (await t.data<Programme>('loyaltyProgramme').create({
    name: 'Club',
    currency: 'EUR',
    expiry: options.expiry ?? { kind: 'months', months: 12 },
    joinKeyword: 'JOIN',
  })) as ProgrammeRecord;
  return Object.assign(t, { service: t.kernel.resolve(LOYALTY), programme });
}

/** Sums a member's ledger the slow way, for checks against the balance. */
export async function ledgerSum(t: TestKernel, memberId: string): Promise<number> {
  let sum = 0;
  let cursor: string | undefined;
  do {
    const page = await t
      .data('loyaltyEntry')
      .find({ where: { memberId }, limit: 500, ...(cursor ? { cursor } : {}) });
    for (const entry of page.items) sum += entry.points as number;
    cursor = page.nextCursor;
  } while (cursor);
  return sum;
}

export type { Customer };
