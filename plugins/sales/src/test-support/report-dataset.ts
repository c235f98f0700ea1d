import { type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import type { Deal, DealRecord } from '../entities/deal.js';
import type { DealKind } from '../vocabulary.js';

/** The clock of the dataset: mid-June 2026. */
export const DATASET_NOW = '2026-06-15T12:00:00.000Z';

/** One hand-written deal: where it opened, the stages it went through (with dates), where it is. */
interface DealSpec {
  name: string;
  customer: 'C1' | 'C2' | 'C3' | 'C4';
  pipeline: 'new-business' | 'renewals' | 'dealers';
  amount: number;
  currency?: string;
  opened: string;
  /** Stage moves after the first stage: [stage, date]. */
  moves: Array<[string, string]>;
  expectedCloseDate?: string;
  kind?: DealKind;
  probability?: number;
  forecastCategory?: Deal['forecastCategory'];
}

/**
 * The hand-computed dataset of the report tests (all amounts in minor units, EUR unless noted).
 * Pipeline new-business: qualification 10% → needs-analysis 25% → proposal 50% → negotiation 80%
 * → won | lost.
 *
 * | deal | opened     | path (date entered)                                                   | now          | amount    | close      |
 * | D1   | 2026-01-05 | needs-analysis 01-15, proposal 02-04, negotiation 02-14, won 03-01  | won (new)    | 1 000 000 |            |
 * | D2   | 2026-01-10 | needs-analysis 01-20, lost 02-09                                      | lost         |   500 000 |            |
 * | D3   | 2026-02-01 | needs-analysis 02-11, proposal 03-03, won 04-02                       | won (cross)  |   800 000 |            |
 * | D4   | 2026-03-01 | needs-analysis 03-11, proposal 04-10                                  | proposal     |     1 001 | 2026-06-20 |
 * | D5   | 2026-03-05 | proposal 04-04 (skips needs-analysis)                                 | proposal     |     1 003 | 2026-06-25 |
 * | D6   | 2026-04-01 | needs-analysis 04-11                                                  | needs-an.    |       333 | 2026-07-10 |
 * | D7   | 2026-04-15 | needs-analysis 04-25, proposal 05-05, negotiation 05-25               | negotiation  | 2 000 000 | 2026-06-30 |
 * | D8   | 2026-05-01 | — (probability 30 and category omitted given)                         | qualification|   300 000 | 2026-07-15 |
 * | D9   | 2026-05-10 | needs-analysis 05-20, proposal 06-01, won 06-10                       | won (new)    |   700 000 |            |
 * | D10  | 2026-05-20 | lost 06-05                                                            | lost         |   400 000 |            |
 * | D11  | 2025-12-15 | —                                                                     | qualification|   250 000 | 2026-08-05 |
 * | R1   | 2026-05-01 | renewals, upcoming (60%, best-case)                                   | upcoming     |   600 000 | 2026-06-28 |
 * | U1   | 2026-05-01 | dealers, prospecting, in USD                                          | prospecting  |   100 000 | 2026-07-01 |
 *
 * Weighted amounts (amount × probability / 100, rounded half to even per deal):
 * D4 1001 × 50% = 500.5 → 500; D5 1003 × 50% = 501.5 → 502; D6 333 × 25% = 83.25 → 83;
 * D7 2 000 000 × 80% = 1 600 000; D8 300 000 × 30% = 90 000; D11 250 000 × 10% = 25 000;
 * R1 600 000 × 60% = 360 000.
 */
export const DATASET: readonly DealSpec[] = [
  {
    name: 'D1',
    customer: 'C1',
    pipeline: 'new-business',
    amount: 1_000_000,
    opened: '2026-01-05',
    kind: 'new',
    moves: [
      ['needs-analysis', '2026-01-15'],
      ['proposal', '2026-02-04'],
      ['negotiation', '2026-02-14'],
      ['won', '2026-03-01'],
    ],
  },
  {
    name: 'D2',
    customer: 'C2',
    pipeline: 'new-business',
    amount: 500_000,
    opened: '2026-01-10',
    moves: [
      ['needs-analysis', '2026-01-20'],
      ['lost', '2026-02-09'],
    ],
  },
  {
    name: 'D3',
    customer: 'C1',
    pipeline: 'new-business',
    amount: 800_000,
    opened: '2026-02-01',
    kind: 'cross-sell',
    moves: [
      ['needs-analysis', '2026-02-11'],
      ['proposal', '2026-03-03'],
      ['won', '2026-04-02'],
    ],
  },
  {
    name: 'D4',
    customer: 'C3',
    pipeline: 'new-business',
    amount: 1_001,
    opened: '2026-03-01',
    expectedCloseDate: '2026-06-20',
    moves: [
      ['needs-analysis', '2026-03-11'],
      ['proposal', '2026-04-10'],
    ],
  },
  {
    name: 'D5',
    customer: 'C3',
    pipeline: 'new-business',
    amount: 1_003,
    opened: '2026-03-05',
    expectedCloseDate: '2026-06-25',
    moves: [['proposal', '2026-04-04']],
  },
  {
    name: 'D6',
    customer: 'C4',
    pipeline: 'new-business',
    amount: 333,
    opened: '2026-04-01',
    expectedCloseDate: '2026-07-10',
    moves: [['needs-analysis', '2026-04-11']],
  },
  {
    name: 'D7',
    customer: 'C4',
    pipeline: 'new-business',
    amount: 2_000_000,
    opened: '2026-04-15',
    expectedCloseDate: '2026-06-30',
    moves: [
      ['needs-analysis', '2026-04-25'],
      ['proposal', '2026-05-05'],
      ['negotiation', '2026-05-25'],
    ],
  },
  {
    name: 'D8',
    customer: 'C2',
    pipeline: 'new-business',
    amount: 300_000,
    opened: '2026-05-01',
    expectedCloseDate: '2026-07-15',
    probability: 30,
    forecastCategory: 'omitted',
    moves: [],
  },
  {
    name: 'D9',
    customer: 'C2',
    pipeline: 'new-business',
    amount: 700_000,
    opened: '2026-05-10',
    kind: 'new',
    moves: [
      ['needs-analysis', '2026-05-20'],
      ['proposal', '2026-06-01'],
      ['won', '2026-06-10'],
    ],
  },
  {
    name: 'D10',
    customer: 'C3',
    pipeline: 'new-business',
    amount: 400_000,
    opened: '2026-05-20',
    moves: [['lost', '2026-06-05']],
  },
  {
    name: 'D11',
    customer: 'C4',
    pipeline: 'new-business',
    amount: 250_000,
    opened: '2025-12-15',
    expectedCloseDate: '2026-08-05',
    moves: [],
  },
  {
    name: 'R1',
    customer: 'C1',
    pipeline: 'renewals',
    amount: 600_000,
    opened: '2026-05-01',
    expectedCloseDate: '2026-06-28',
    moves: [],
  },
  {
    name: 'U1',
    customer: 'C3',
    pipeline: 'dealers',
    amount: 100_000,
    currency: 'USD',
    opened: '2026-05-01',
    expectedCloseDate: '2026-07-01',
    moves: [],
  },
];

const at = (date: string) => `${date}T09:00:00.000Z`;

/** Writes the dataset as the system (deals back-dated through `openedAt` and `stageEnteredAt`); answers the deals by name. */
export async function writeDataset(kernel: Kernel): Promise<Map<string, DealRecord>> {
  const customers = kernel.data<Customer>('customer', { actor: SYSTEM_ACTOR });
  const ids = new Map<string, string>();
  for (const name of ['C1', 'C2', 'C3', 'C4']) {
    ids.set(name, (await customers.create({ kind: 'organisation', name: `Customer ${name}` })).id);
  }
  const deals = kernel.data<Deal>('deal', { actor: SYSTEM_ACTOR });
  const out = new Map<string, DealRecord>();
  for (const spec of DATASET) {
    let deal = (await deals.create({
      title: spec.name,
      customerId: ids.get(spec.customer) as string,
      pipeline: spec.pipeline,
      amount: { amount: spec.amount, currency: spec.currency ?? 'EUR' },
      openedAt: at(spec.opened),
      ownerId: 'rep-1',
      ...(spec.expectedCloseDate ? { expectedCloseDate: spec.expectedCloseDate } : {}),
      ...(spec.kind ? { kind: spec.kind } : {}),
      ...(spec.probability !== undefined ? { probability: spec.probability } : {}),
      ...(spec.forecastCategory ? { forecastCategory: spec.forecastCategory } : {}),
    })) as DealRecord;
    for (const [stage, date] of spec.moves) {
      deal = (await deals.update(deal.id, {
        stage,
        stageEnteredAt: at(date),
        ...(stage === 'lost' ? { outcomeReason: 'price' } : {}),
      })) as DealRecord;
    }
    out.set(spec.name, deal);
  }
  await kernel.events.drain();
  return out;
}
