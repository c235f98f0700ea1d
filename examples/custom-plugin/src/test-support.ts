import { customers } from '@rapport/plugin-customers';
import { createTestKernel, type TestKernel } from '@rapport/testing';
import { nps } from './nps-plugin.js';
import type { NpsResponse } from './response-entity.js';

/** A test kernel with customers and the NPS plugin, its clock at `now`. */
export function npsKernel(now = '2026-04-10T09:00:00Z'): Promise<TestKernel> {
  return createTestKernel({ plugins: [customers(), nps()], now });
}

/** Records answers of one new customer, each `[score, answeredAt]`. */
export async function answer(t: TestKernel, answers: Array<[number, string]>): Promise<string> {
  const customer = await t
    .data<{ name: string; kind: string }>('customer')
    .create({ name: 'Ada Lovelace', kind: 'person' });
  for (const [score, answeredAt] of answers) {
    await t.data<NpsResponse>('npsResponse').create({ customerId: customer.id, score, answeredAt });
  }
  return customer.id;
}
